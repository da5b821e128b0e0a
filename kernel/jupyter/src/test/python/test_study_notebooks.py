"""nbclient (what `jupyter nbconvert --execute` uses) executes every study notebook
(notebooks/NN-*.ipynb, notebooks/answers/*.ipynb) and the both-ways test notebook with the
installed "portolan" kernel: no cell may fail, and the outputs must equal the committed ones
(written by the Java runner, `portolan.jar run`) after the normalisation of nbnormalize.py, which
names every excluded item."""

import functools
import json
import os
import time
import unittest

import nbformat
from nbclient import NotebookClient

import nbnormalize


@functools.lru_cache(maxsize=None)
def executed(path):
    """The notebook at `path` as nbclient leaves it after running every cell (each file runs once)."""
    nb = nbformat.read(path, as_version=4)
    started = time.monotonic()
    NotebookClient(nb, kernel_name="portolan", timeout=60, startup_timeout=60, allow_errors=True).execute()
    print("  %s: %.1f s through nbclient" % (os.path.relpath(path, nbnormalize.ROOT), time.monotonic() - started),
          flush=True)
    return nb


class NormalizationTests(unittest.TestCase):
    """nbnormalize on the two files StudyNotebooksNormalizationTest.java reads: the twins agree."""

    DIR = os.path.join(nbnormalize.ROOT, "kernel", "jupyter", "src", "test", "notebooks", "normalization")

    def load(self, name):
        with open(os.path.join(self.DIR, name), encoding="utf-8") as f:
            return json.load(f)

    def test_the_named_items_are_all_that_is_ignored(self):
        self.assertEqual(len(nbnormalize.EXCLUDED), 4)
        self.assertIsNone(nbnormalize.difference(nbnormalize.normalized(self.load("as-the-runner-wrote-it.ipynb")),
                                                 nbnormalize.normalized(self.load("as-nbclient-left-it.ipynb"))))

    def test_a_changed_output_is_reported_with_its_cell_and_line(self):
        changed = self.load("as-nbclient-left-it.ipynb")
        changed["cells"][1]["outputs"][3]["data"]["text/plain"] = "404"
        d = nbnormalize.difference(nbnormalize.normalized(self.load("as-the-runner-wrote-it.ipynb")),
                                   nbnormalize.normalized(changed))
        self.assertTrue(d.startswith("cell 2 (id run) differs"), d)
        self.assertIn('committed:   "text/plain": "200"', d)
        self.assertIn('re-executed: "text/plain": "404"', d)

    def test_other_html_and_other_metadata_still_count(self):
        runner = nbnormalize.normalized(self.load("as-the-runner-wrote-it.ipynb"))
        html = self.load("as-nbclient-left-it.ipynb")
        html["cells"][1]["outputs"][1]["data"]["text/html"] = "<div class='portolan-pic'>run 100 % done</div>"
        self.assertTrue(nbnormalize.difference(runner, nbnormalize.normalized(html)).startswith("cell 2 (id run)"))
        mime = self.load("as-nbclient-left-it.ipynb")
        mime["metadata"]["language_info"]["mimetype"] = "text/x-java-source"
        self.assertTrue(nbnormalize.difference(runner, nbnormalize.normalized(mime)).startswith("the notebook metadata"))


class StudyNotebookTests(unittest.TestCase):

    def test_every_notebook_reproduces_its_committed_outputs_through_nbclient(self):
        notebooks = nbnormalize.study_notebooks()
        self.assertTrue(os.path.isfile(notebooks[-1]), notebooks[-1])
        for path in notebooks:
            name = os.path.relpath(path, nbnormalize.ROOT)
            with self.subTest(notebook=name):
                committed = nbformat.read(path, as_version=4)
                nb = executed(path)
                for cell in nb.cells:
                    for output in cell.get("outputs", []):
                        self.assertNotEqual(output["output_type"], "error", "%s: cell %s fails: %s: %s" % (
                            name, cell.get("id"), output.get("ename"), output.get("evalue")))
                difference = nbnormalize.difference(nbnormalize.normalized(committed), nbnormalize.normalized(nb))
                self.assertIsNone(difference, "%s: nbclient's run differs from the committed outputs: %s\n"
                                  "Regenerate with: java -jar kernel/jupyter/target/portolan.jar run %s\n"
                                  "Excluded from the comparison: %s" % (name, difference, name, nbnormalize.EXCLUDED))

    def test_every_committed_notebook_is_written_as_nbformat_writes_it(self):
        """The Java runner's writer (PythonJson) gives nbformat's bytes: reading and writing back changes nothing."""
        for path in nbnormalize.study_notebooks() + [os.path.join(NormalizationTests.DIR, "as-the-runner-wrote-it.ipynb")]:
            with self.subTest(notebook=os.path.relpath(path, nbnormalize.ROOT)):
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                self.assertEqual(nbformat.writes(nbformat.reads(text, as_version=4)) + "\n", text)

    def test_the_exclusions_are_needed_for_an_nbclient_run(self):
        """A raw nbclient run of the both-ways notebook has the timestamps, the Java version and a
        progress bar that nbnormalize excludes, so those exclusions are not dead. (The fourth item,
        stream chunking, depends on timing and cannot be forced.)"""
        nb = executed(nbnormalize.study_notebooks()[-1])
        cells = {c.id: c for c in nb.cells}
        self.assertIn("execution", cells["streams"].metadata)
        self.assertIn("version", nb.metadata.language_info)
        self.assertTrue(any(nbnormalize.is_progress_bar(o) for o in cells["slow-run"].outputs),
                        "a run of over 1 s real time shows the progress bar: %s" % cells["slow-run"].outputs)
        self.assertFalse(any(nbnormalize.is_progress_bar(o)
                             for o in nbnormalize.normalized(nb)["cells"][[c.id for c in nb.cells].index("slow-run")]["outputs"]))


if __name__ == "__main__":
    unittest.main()
