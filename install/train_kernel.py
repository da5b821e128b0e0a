"""Writes the class-data archive of an installed Portolan kernel: starts the kernel of the
kernelspec folder given as the only argument once, asks it for kernel_info, a cell and a
completion, and shuts it down. What the kernel's JVM keeps from that run depends on the flag its
kernel.json carries:
- -XX:SharedArchiveFile=KERNELSPEC/kernel.jsa (JDK 17-24): the run has -XX:ArchiveClassesAtExit in
  its place, and the JVM writes kernel.jsa, the classes a kernel start loads (JeroMQ, Gson, the
  kernel's own), which later starts map instead of loading and verifying them (about a third less
  CPU before kernel_info);
- -XX:AOTCache=KERNELSPEC/kernel.aot (JDK 25+): the run records an ahead-of-time configuration,
  and a second JVM turns it into kernel.aot, those classes loaded and linked (about a quarter less
  CPU before kernel_info than with kernel.jsa).
The same run leaves the worker's archive in ~/.cache/portolan (JDK 17-24). install.sh runs this;
if it fails, the kernel works as before, only starts slower. Exit status 0 when the file exists.
"""

import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import time

from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.connect import write_connection_file

TIMEOUT = 180


def wait_for_kernel_info(client, kernel):
    """Asks for kernel_info until it comes (the kernel may still be binding its sockets)."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline and kernel.poll() is None:
        msg_id = client.kernel_info()
        try:
            while client.get_shell_msg(timeout=1)["parent_header"].get("msg_id") != msg_id:
                pass
            return
        except queue.Empty:
            continue
    raise RuntimeError("the kernel did not answer kernel_info (exit status %s)" % kernel.poll())


def main():
    if len(sys.argv) != 2:
        print("usage: train_kernel.py KERNELSPEC_DIR", file=sys.stderr)
        return 2
    spec_dir = sys.argv[1]
    with open(os.path.join(spec_dir, "kernel.json"), encoding="utf-8") as f:
        argv = json.load(f)["argv"]
    jsa = os.path.join(spec_dir, "kernel.jsa")
    aot = os.path.join(spec_dir, "kernel.aot")
    if "-XX:SharedArchiveFile=" + jsa in argv:
        archive, flag = jsa, "-XX:SharedArchiveFile=" + jsa
        training = ["-XX:ArchiveClassesAtExit=" + jsa]
    elif "-XX:AOTCache=" + aot in argv:
        archive, flag = aot, "-XX:AOTCache=" + aot
        training = ["-XX:AOTMode=record", "-XX:AOTConfiguration=" + aot + "conf"]
    else:
        print("train_kernel.py: %s/kernel.json uses neither -XX:SharedArchiveFile=%s nor -XX:AOTCache=%s"
              % (spec_dir, jsa, aot), file=sys.stderr)
        return 1
    if os.path.exists(archive):
        os.remove(archive)  # the JVM writes archives read-only
    scratch = tempfile.mkdtemp(prefix="portolan-train-")
    try:
        connection, _ = write_connection_file(os.path.join(scratch, "connection.json"), ip="127.0.0.1",
                                              key=os.urandom(16).hex().encode("ascii"))
        command = []
        for a in argv:
            command += training if a == flag else [a.replace("{connection_file}", connection)]
        # The training cells stay out of the user's kernel history.
        env = dict(os.environ, XDG_DATA_HOME=scratch)
        kernel = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, env=env)
        client = BlockingKernelClient()
        client.load_connection_file(connection)
        client.start_channels()
        try:
            wait_for_kernel_info(client, kernel)
            client.execute_interactive("1+1", timeout=TIMEOUT, output_hook=lambda msg: None)
            client.complete("System.out.pri")
            client.get_shell_msg(timeout=TIMEOUT)
            client.shutdown()
            kernel.wait(timeout=TIMEOUT)
        finally:
            client.stop_channels()
            if kernel.poll() is None:
                kernel.kill()
        if archive == aot:
            create_aot_cache(command, training, aot)
    except Exception as e:  # any failure only means no archive
        print("train_kernel.py: %s" % e, file=sys.stderr)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if archive == aot and os.path.exists(aot + "conf"):
            os.remove(aot + "conf")
    return 0 if os.path.isfile(archive) else 1


def create_aot_cache(command, training, aot):
    """Turns the recorded configuration into the cache, with the kernel's JVM options and jar."""
    jar_at = command.index("-jar")
    options = [a for a in command[1:jar_at] if a not in training]
    create = ([command[0]] + options + ["-XX:AOTMode=create", "-XX:AOTConfiguration=" + aot + "conf",
                                        "-XX:AOTCache=" + aot, "-cp", command[jar_at + 1]])
    subprocess.run(create, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=TIMEOUT, check=True)


if __name__ == "__main__":
    sys.exit(main())
