"""The kernel ends with the process that started it (jupyter_client passes JPY_PARENT_PID, as it
does for ipykernel): a notebook server or client that crashes leaves no kernel or worker behind."""

import os
import signal
import subprocess
import sys
import textwrap
import time
import unittest

import proctree

# Started in a separate Python process, which is then killed: prints the kernel's pid and sleeps.
LAUNCHER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, %r)
    import kernelrun
    km, kc = kernelrun.start()
    print(km.provisioner.pid, flush=True)
    time.sleep(600)
""")


class ParentTests(unittest.TestCase):

    def test_the_kernel_and_its_worker_end_when_the_client_process_is_killed(self):
        here = os.path.dirname(os.path.abspath(__file__))
        client = subprocess.Popen([sys.executable, "-c", LAUNCHER % here], stdout=subprocess.PIPE, text=True)
        try:
            kernel = int(client.stdout.readline())
            deadline = time.monotonic() + 30
            while len(proctree.tree(kernel)) < 2 and time.monotonic() < deadline:
                time.sleep(0.1)  # the worker JVM appears shortly after the kernel's
            tree = proctree.tree(kernel)
            self.assertGreaterEqual(len(tree), 2, "the kernel started no worker: %s" % tree)
            client.send_signal(signal.SIGKILL)  # no shutdown_request, no cleanup: the client just vanishes
            client.wait(10)
            deadline = time.monotonic() + 15
            while any(proctree.alive(p) for p in tree) and time.monotonic() < deadline:
                time.sleep(0.1)
            left = [p for p in tree if proctree.alive(p)]
            for p in left:
                os.kill(p, signal.SIGKILL)  # do not leave them running for the next test
            self.assertEqual(left, [], "processes of the kernel outlived the client that started them")
        finally:
            if client.poll() is None:
                client.kill()


if __name__ == "__main__":
    unittest.main()
