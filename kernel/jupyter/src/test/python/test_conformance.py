"""The Jupyter community conformance suite (jupyter_kernel_test) run against the installed
"portolan" kernel, with a Java sample for every attribute the suite checks."""

from queue import Empty

import jupyter_kernel_test


class PortolanKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "portolan"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # While the kernel starts, jupyter_client re-sends kernel_info every second; on a loaded
        # machine the late replies and their busy/idle arrive after the suite's 0.1 s flush and
        # are taken for the first test's messages. Wait for one quiet second first.
        for get in (cls.kc.get_iopub_msg, cls.kc.get_shell_msg):
            while True:
                try:
                    get(timeout=1.0)
                except Empty:
                    break

    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("something went wrong");'

    # The suite compares the set of matches exactly.
    completion_samples = [
        {"text": "System.out.pri", "matches": {"print(", "printf(", "println("}},
        {"text": "Math.sqr", "matches": {"sqrt("}},
        {"text": "Str"},
    ]

    complete_code_samples = [
        "1+1",
        "int x = 1;",
        'System.out.println("hi");',
        "class Point { int x, y; }",
        "void greet() { System.out.println(42); }",
        "import java.util.*;",
    ]
    incomplete_code_samples = [
        "for (int i = 0; i < 3; i++) {",
        "class Box {",
        "int y = ",
        "System.out.println(",
        "/* an open comment",
    ]
    invalid_code_samples = [
        ")",
        "int z = ;",
        'String s = "unterminated',
    ]

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "1+1", "result": "2"},
        {"code": "Math.max(3, 7)", "result": "7"},
        {"code": '"abc".length() * 2', "result": "6"},
    ]

    # A glob that matches one of code_execute_result's cells.
    code_history_pattern = "Math.max*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "String"

    # The notebook display API, statically imported in every cell.
    code_display_data = [
        {"code": 'display(html("<b>harbour</b>"));', "mime": "text/html"},
        {"code": 'display(markdown("# Busan"));', "mime": "text/markdown"},
    ]
    code_clear_output = 'System.out.println("soon gone");\nclearOutput(false);'

    # Not sampled: code_page_something (Portolan sends no pager payloads).

    def test_portolan_inspect_gives_the_sandbox_javadoc(self):
        # The installed worker reads the sandbox's bundled sources through JShell's internals,
        # which the jar's manifest opens (Add-Opens): without it this would be a bare signature.
        self.flush_channels()
        msg_id = self.kc.inspect("Network", 3)
        reply = self.get_non_kernel_info_reply(timeout=30)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        content = reply["content"]
        self.assertEqual(content["status"], "ok")
        self.assertTrue(content["found"])
        self.assertIn("deterministic simulated internet", content["data"]["text/plain"])
