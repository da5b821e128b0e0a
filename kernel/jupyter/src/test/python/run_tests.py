"""Runs the Python-level kernel tests (every test_*.py beside this file) against the installed
"portolan" kernelspec and ends with the line "N passed, N failed". Exit status 1 on any failure.

Run it with Debian's Python, with JUPYTER_PATH pointing at the kernelspec to test, e.g.
    JUPYTER_PATH=/tmp/x/share/jupyter /usr/bin/python3 kernel/jupyter/src/test/python/run_tests.py [-k pattern]
install/test.sh does this for each JDK, with a temporary kernelspec.
"""

import argparse
import os
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


class CountingResult(unittest.TextTestResult):
    """Counts each test method once: failed if it or any of its subtests failed or errored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.failed_ids = set()
        self.started = {}

    def startTest(self, test):
        self.started[test.id()] = time.monotonic()
        super().startTest(test)

    def addFailure(self, test, err):
        self.failed_ids.add(test.id())
        super().addFailure(test, err)

    def addError(self, test, err):
        # Errors in setUpClass arrive as a _ErrorHolder, not a test: still a failure.
        self.failed_ids.add(test.id())
        super().addError(test, err)

    def addSubTest(self, test, subtest, err):
        if err is not None:
            self.failed_ids.add(test.id())
        super().addSubTest(test, subtest, err)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", dest="pattern", action="append", help="only tests whose name contains this")
    args = parser.parse_args()

    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("portolan")
    print("kernel under test: %s (%s)" % (spec.resource_dir, spec.argv[0]), flush=True)
    wanted = os.environ.get("JUPYTER_PATH", "").split(os.pathsep)[0]
    if wanted and not os.path.realpath(spec.resource_dir).startswith(os.path.realpath(wanted) + os.sep):
        print("the kernelspec 'portolan' resolves to %s, not into JUPYTER_PATH %s: refusing to test "
              "another installation" % (spec.resource_dir, wanted))
        return 1

    sys.path.insert(0, HERE)
    loader = unittest.TestLoader()
    if args.pattern:
        loader.testNamePatterns = ["*%s*" % p for p in args.pattern]
    suite = loader.discover(HERE, pattern="test_*.py", top_level_dir=HERE)
    runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=2, resultclass=CountingResult)
    result = runner.run(suite)

    # A skip inside a subTest (jupyter_kernel_test's history variants) skips that check only.
    whole = [(t, why) for t, why in result.skipped if not isinstance(t, unittest.case._SubTest)]
    parts = [(t, why) for t, why in result.skipped if isinstance(t, unittest.case._SubTest)]
    failed = len(result.failed_ids)
    ran_and_failed = len([t for t in result.failed_ids if not t.startswith("setUpClass")])
    passed = result.testsRun - len(whole) - ran_and_failed
    for label, items in (("skipped", whole), ("skipped checks", parts)):
        if items:
            print("%s: %s" % (label, ", ".join("%s (%s)" % (t.id(), why or "no sample") for t, why in items)))
    print("%d passed, %d failed" % (passed, failed), flush=True)
    return 0 if failed == 0 and result.testsRun > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
