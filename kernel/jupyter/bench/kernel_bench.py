"""Kernel benchmark: launches the INSTALLED "portolan" kernelspec through jupyter_client and prints
latency, throughput and memory figures next to their targets. A program, not a test: it prints
figures and never fails because of them.

    /usr/bin/python3 kernel/jupyter/bench/kernel_bench.py            # the kernel install/install.sh registered
    JUPYTER_PATH=/tmp/p/share/jupyter /usr/bin/python3 kernel/jupyter/bench/kernel_bench.py
                                                                    # one installed with --prefix /tmp/p
    ... kernel_bench.py --transport ipc                             # over Unix domain socket files
"""

import argparse
import functools
import os
import platform
import statistics
import sys
import tempfile
import time
from queue import Empty

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "python"))

from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402
from jupyter_client.manager import KernelManager  # noqa: E402

import proctree  # noqa: E402

KERNEL = "portolan"


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100.0 * (len(ordered) - 1))))]


def wait_reply(kc, msg_id, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        reply = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def wait_idle(kc, msg_id, timeout=60, on_message=None):
    """Reads iopub until the request's idle status; returns the time it arrived."""
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if on_message is not None:
            on_message(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return time.monotonic()


def drain(kc):
    for get in (kc.get_iopub_msg, kc.get_shell_msg):
        while True:
            try:
                get(timeout=0.05)
            except Empty:
                break


def until_kernel_info(kc, started, timeout=60):
    """Seconds from `started` to the first kernel_info_reply (re-asking every 0.5 s)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg_id = kc.kernel_info()
        try:
            wait_reply(kc, msg_id, timeout=0.5)
            return time.monotonic() - started
        except Empty:
            continue
    raise RuntimeError("the kernel did not answer kernel_info within %d s" % timeout)


def manager(transport, scratch):
    """A KernelManager for the transport; ipc socket files go into the directory `scratch`."""
    if transport == "ipc":
        return KernelManager(kernel_name=KERNEL, transport="ipc", ip=os.path.join(scratch, "kernel"))
    return KernelManager(kernel_name=KERNEL)


def cold_start(runs, new_manager):
    """launch -> kernel_info_reply and launch -> first execute_result, on fresh kernels."""
    info, first = [], []
    for _ in range(runs):
        km = new_manager()
        started = time.monotonic()
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            info.append(until_kernel_info(kc, started))
            msg_id = kc.execute("1+1")
            got = {}
            wait_idle(kc, msg_id, on_message=lambda m: got.setdefault(m["msg_type"], time.monotonic()))
            if "execute_result" not in got:
                raise RuntimeError("1+1 gave no execute_result")
            first.append(got["execute_result"] - started)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)
    return info, first


def warm_round_trips(kc, code, runs):
    """Closed loop: send, wait for execute_reply and idle. Returns (reply_ms, idle_ms) lists."""
    to_reply, to_idle = [], []
    for _ in range(runs):
        started = time.monotonic()
        msg_id = kc.execute(code)
        wait_reply(kc, msg_id)
        to_reply.append((time.monotonic() - started) * 1000)
        to_idle.append((wait_idle(kc, msg_id) - started) * 1000)
    return to_reply, to_idle


def completions(kc, code, runs):
    times, matches = [], []
    for _ in range(runs):
        started = time.monotonic()
        msg_id = kc.complete(code, len(code))
        reply = wait_reply(kc, msg_id)
        times.append((time.monotonic() - started) * 1000)
        matches = reply["content"]["matches"]
        wait_idle(kc, msg_id)
    return times, matches


def big_output(kc, lines):
    """Prints `lines` lines; returns (seconds to idle, lines received, in order?, stream messages)."""
    received = []
    count = [0]

    def on_message(msg):
        if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
            received.append(msg["content"]["text"])
            count[0] += 1

    started = time.monotonic()
    msg_id = kc.execute("for (int i = 0; i < %d; i++) System.out.println(i);" % lines)
    idle = wait_idle(kc, msg_id, timeout=300, on_message=on_message)
    wait_reply(kc, msg_id)
    got = "".join(received).splitlines()
    in_order = got == [str(i) for i in range(lines)]
    return idle - started, len(got), in_order, count[0]


def interrupt_busy_loop(km, kc):
    msg_id = kc.execute("while (true) {}")
    time.sleep(1.0)
    busy = proctree.cpu_percent(km.provisioner.pid, 1.0)
    started = time.monotonic()
    km.interrupt_kernel()
    reply = wait_reply(kc, msg_id, timeout=30)
    seconds = time.monotonic() - started
    wait_idle(kc, msg_id)
    after = proctree.cpu_percent(km.provisioner.pid, 2.0)
    return seconds, reply["content"]["status"], busy, after


def restart(km, kc, runs):
    times = []
    for _ in range(runs):
        started = time.monotonic()
        km.restart_kernel(now=False)
        times.append(until_kernel_info(kc, started))
        drain(kc)
    return times


def memory(km):
    pid = km.provisioner.pid
    pids = proctree.tree(pid)
    kernel = proctree.rss_mb(pid)
    workers = sum(proctree.rss_mb(p) for p in pids[1:])
    return kernel, workers, len(pids)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--warm-runs", type=int, default=200)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--restarts", type=int, default=3)
    parser.add_argument("--transport", choices=("tcp", "ipc"), default="tcp")
    args = parser.parse_args()
    scratch = tempfile.TemporaryDirectory(prefix="portolan-bench-")
    new_manager = functools.partial(manager, args.transport, scratch.name)

    spec = KernelSpecManager().get_kernel_spec(KERNEL)
    print("kernel: %s" % spec.resource_dir)
    print("argv:   %s" % " ".join(spec.argv))
    print("java:   %s" % spec.metadata.get("portolan", {}).get("java_version", "?"))
    print("host:   %s, %d CPUs, Python %s" % (platform.node(), os.cpu_count(), platform.python_version()))
    print("load:   %s" % " ".join("%.2f" % x for x in os.getloadavg()))
    print("transport: %s" % args.transport)
    print(flush=True)

    rows = []

    def row(name, value, unit, target=None, lower_is_better=True, note=""):
        ok = ""
        if target is not None and value is not None:
            ok = "ok" if (value <= target if lower_is_better else value >= target) else "MISSED"
        shown = "-" if value is None else ("%.3f" % value if unit == "s" else "%.1f" % value)
        rows.append((name, "%s %s" % (shown, unit), "" if target is None else "%s %s" % (target, unit), ok, note))
        print("  %-44s %14s  %s" % (name, "%s %s" % (shown, unit), note), flush=True)

    print("cold starts (%d) ..." % args.cold_runs, flush=True)
    info, first = cold_start(args.cold_runs, new_manager)
    row("launch -> kernel_info_reply (p50)", statistics.median(info), "s", 0.4,
        note="p95 %.3f s" % percentile(info, 95))
    row("launch -> first execute_result (p50)", statistics.median(first), "s", 0.8,
        note="p95 %.3f s" % percentile(first, 95))

    km = new_manager()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        until_kernel_info(kc, time.monotonic())
        drain(kc)
        print("warm round trips (%d) ..." % args.warm_runs, flush=True)
        warm_round_trips(kc, "1+1", 20)
        to_reply, to_idle = warm_round_trips(kc, "1+1", args.warm_runs)
        row("warm 1+1 -> execute_reply p50", statistics.median(to_reply), "ms", 20,
            note="p95 %.1f ms; to idle p50 %.1f / p95 %.1f ms" % (
                percentile(to_reply, 95), statistics.median(to_idle), percentile(to_idle, 95)))
        times, matches = completions(kc, "System.out.pri", 100)
        row("complete_request p50", statistics.median(times), "ms", 15,
            note="p95 %.1f ms; matches %s" % (percentile(times, 95), ",".join(matches[:4])))

        time.sleep(2.0)
        kernel_mb, worker_mb, nprocs = memory(km)
        row("idle RSS, kernel + worker", kernel_mb + worker_mb, "MB", 200,
            note="kernel %.0f MB + worker %.0f MB (%d processes)" % (kernel_mb, worker_mb, nprocs))

        print("%d lines ..." % args.lines, flush=True)
        seconds, count, in_order, messages = big_output(kc, args.lines)
        row("%d lines -> idle" % args.lines, seconds, "s", 2,
            note="%d lines arrived, %s, %d stream messages" % (count, "in order" if in_order else "NOT in order", messages))
        kernel_mb, worker_mb, _ = memory(km)
        row("RSS after the output test", kernel_mb + worker_mb, "MB",
            note="kernel %.0f MB + worker %.0f MB" % (kernel_mb, worker_mb))

        print("interrupt ...", flush=True)
        seconds, status, busy, after = interrupt_busy_loop(km, kc)
        row("interrupt while(true){} -> reply", seconds, "s",
            note="status %s; CPU %.0f %% before, %.0f %% after" % (status, busy, after))

        print("restarts (%d) ..." % args.restarts, flush=True)
        times = restart(km, kc, args.restarts)
        row("restart -> kernel_info_reply (p50)", statistics.median(times), "s", 1,
            note="all: %s" % ", ".join("%.3f" % t for t in times))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)

    print()
    print("| metric | measured | target | |")
    print("|---|---|---|---|")
    for name, value, target, ok, note in rows:
        print("| %s | %s%s | %s | %s |" % (name, value, " (%s)" % note if note else "", target, ok))
    return 0


if __name__ == "__main__":
    sys.exit(main())
