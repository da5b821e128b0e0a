"""Process-tree measurements from /proc (Linux): the kernel process and its descendants (the
worker JVM), their resident memory and CPU time. Used by the survival tests and the benchmark."""

import os
import time

_TICKS = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _stat(pid):
    """The fields of /proc/<pid>/stat after the command name, or None when the process is gone."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            text = f.read()
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()


def children(pid):
    """Direct children of pid."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(int(entry))
            if fields is not None and int(fields[1]) == pid:
                found.append(int(entry))
    return sorted(found)


def tree(pid):
    """pid followed by all its descendants, parents before children."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop(0)
        out.append(p)
        todo.extend(children(p))
    return out


def alive(pid):
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def rss_mb(pid):
    """Resident set size of one process in MB (0 when it is gone)."""
    try:
        with open("/proc/%d/statm" % pid) as f:
            return int(f.read().split()[1]) * _PAGE / 1e6
    except OSError:
        return 0.0


def cpu_seconds(pids):
    """User + system CPU time consumed so far by the given processes."""
    total = 0
    for pid in pids:
        fields = _stat(pid)
        if fields is not None:
            total += int(fields[11]) + int(fields[12])
    return total / _TICKS


def cpu_percent(pid, seconds=1.0):
    """CPU use of pid's whole tree over the next `seconds`, in percent of one core."""
    pids = tree(pid)
    before = cpu_seconds(pids)
    time.sleep(seconds)
    return 100.0 * (cpu_seconds(pids) - before) / seconds
