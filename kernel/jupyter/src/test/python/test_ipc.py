"""The ipc transport through jupyter_client: started with transport="ipc", the kernel serves its
five channels on Unix domain socket files (ip-port) that only their owner may use, runs a cell,
keeps its heartbeat answering while a cell runs, and on shutdown exits by itself and removes the
files (checked before jupyter_client's own clean-up would remove them)."""

import os
import stat
import tempfile
import time
import unittest
from queue import Empty

import zmq

import kernelrun
import proctree


class IpcTests(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="portolan-ipc-")
        self.addCleanup(self.tmp.cleanup)

    def test_a_cell_over_ipc_and_a_clean_shutdown(self):
        km, kc = kernelrun.start(transport="ipc", ip=os.path.join(self.tmp.name, "kernel"))
        try:
            files = ["%s-%d" % (km.ip, port) for port in km.ports]
            for path in files:
                mode = os.lstat(path).st_mode
                self.assertTrue(stat.S_ISSOCK(mode), "%s is not a socket" % path)
                self.assertEqual(stat.S_IMODE(mode), 0o600, "%s may be used by others: %o" % (path, mode))

            cell = kernelrun.run(kc, "1+1")
            self.assertEqual(cell.status, "ok", cell.error_text())
            self.assertEqual(cell.result(), "2")

            self.assert_heartbeat_while_a_cell_runs(km, kc)
            self.assertEqual(kernelrun.run(kc, "20 + 22").result(), "42")

            process = km.provisioner.process
            pids = proctree.tree(km.provisioner.pid)
            kc.stop_channels()
            started = time.monotonic()
            km.request_shutdown()
            km.finish_shutdown()
            seconds = time.monotonic() - started
            # jupyter_client waits 2.5 s and then SIGTERMs a kernel that does not exit on its own.
            self.assertLess(seconds, 2.4, "shutdown took %.1f s: the kernel did not exit by itself" % seconds)
            self.assertEqual(process.returncode, 0)
            time.sleep(0.3)
            self.assertEqual([p for p in pids if proctree.alive(p)], [], "processes left after shutdown")
            self.assertEqual([p for p in files if os.path.lexists(p)], [], "socket files left after shutdown")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def assert_heartbeat_while_a_cell_runs(self, km, kc):
        msg_id = kc.execute('System.out.println("running"); Thread.sleep(60_000);')
        deadline = time.monotonic() + 30
        while True:
            msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
            if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream"
                    and "running" in msg["content"]["text"]):
                break
        beat = zmq.Context.instance().socket(zmq.REQ)
        beat.linger = 0
        try:
            beat.connect("ipc://%s-%d" % (km.ip, km.hb_port))
            beat.send(b"beat while busy")
            self.assertTrue(beat.poll(10_000), "the heartbeat did not answer while a cell ran")
            self.assertEqual(beat.recv(), b"beat while busy")
        finally:
            beat.close()
        with self.assertRaises(Empty, msg="the cell ended before the heartbeat was checked"):
            kc.get_shell_msg(timeout=0.01)
        km.interrupt_kernel()
        while True:
            reply = kc.get_shell_msg(timeout=30)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        self.assertEqual(reply["content"]["status"], "error")


if __name__ == "__main__":
    unittest.main()
