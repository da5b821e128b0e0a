"""nbclient (what `jupyter nbconvert --execute` and papermill use) runs a small notebook with the
installed "portolan" kernel: no cell may fail and every cell's outputs must contain the text in
its `expect` metadata."""

import os
import unittest

import nbformat
from nbclient import NotebookClient

NOTEBOOK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "notebooks", "smoke.ipynb")


def output_text(output):
    if output["output_type"] == "stream":
        return output["text"]
    if output["output_type"] in ("execute_result", "display_data"):
        return output["data"].get("text/plain", "")
    return ""


class NotebookTests(unittest.TestCase):

    def test_smoke_notebook_runs_without_errors(self):
        nb = nbformat.read(NOTEBOOK, as_version=4)
        NotebookClient(nb, kernel_name="portolan", timeout=60, startup_timeout=60,
                       allow_errors=False).execute()
        code_cells = [c for c in nb.cells if c.cell_type == "code"]
        self.assertGreater(len(code_cells), 0)
        for index, cell in enumerate(code_cells, 1):
            with self.subTest(cell=index):
                errors = [o for o in cell.outputs if o["output_type"] == "error"]
                self.assertEqual(errors, [], "code cell %d failed" % index)
                self.assertIsNotNone(cell.execution_count)
                text = "".join(output_text(o) for o in cell.outputs)
                self.assertIn(cell.metadata["expect"], text, "code cell %d:\n%s" % (index, cell.source))


if __name__ == "__main__":
    unittest.main()
