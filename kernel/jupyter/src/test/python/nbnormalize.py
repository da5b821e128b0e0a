"""The normalisation under which a re-executed notebook must equal the committed one: the Python
twin of StudyNotebooks.normalized (kernel/jupyter/src/test/java/portolan/notebook). Both exclude
exactly the EXCLUDED items; everything else (sources, cell ids and metadata, every output's text
and data, execution counts, notebook metadata) must be equal."""

import copy
import glob
import json
import os

PROGRESS_CLASS = "portolan-progress"

EXCLUDED = [
    "cells[].metadata.execution: nbclient's timestamps of each cell (iopub.status.busy, "
    "shell.execute_reply, ...), wall-clock times",
    "metadata.language_info.version: the version of the Java that ran the kernel (17.0.x, 25.0.x)",
    "progress-bar outputs: display_data whose text/html has the class '%s', the live bar shown only "
    "when a simulation run lasts over 1 s of real time (the runner never writes it; nbclient keeps "
    "its last state)" % PROGRESS_CLASS,
    "stream chunking: consecutive stream outputs of one name are joined into one, as the runner and "
    "Jupyter's front ends do (the kernel sends text in chunks whose boundaries depend on timing; "
    "nbclient keeps each chunk)",
]

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", ".."))


def study_notebooks():
    """The lesson notebooks, the answers notebooks and the test notebook checking both ways of running."""
    found = sorted(glob.glob(os.path.join(ROOT, "notebooks", "[0-9][0-9]-*.ipynb")))
    found += sorted(glob.glob(os.path.join(ROOT, "notebooks", "answers", "*.ipynb")))
    found.append(os.path.join(ROOT, "kernel", "jupyter", "src", "test", "notebooks", "both-ways.ipynb"))
    return found


def _joined(text):
    return "".join(text) if isinstance(text, list) else text


def is_progress_bar(output):
    html = _joined(output.get("data", {}).get("text/html", ""))
    return output.get("output_type") == "display_data" and html.startswith("<div class='%s'" % PROGRESS_CLASS)


def _outputs(outputs):
    kept = []
    for output in outputs:
        o = copy.deepcopy(dict(output))
        if is_progress_bar(o):
            continue
        if o["output_type"] == "stream":
            o["text"] = _joined(o["text"])
            if kept and kept[-1]["output_type"] == "stream" and kept[-1]["name"] == o["name"]:
                kept[-1]["text"] += o["text"]
                continue
        if "data" in o:
            o["data"] = {mime: _joined(v) if isinstance(v, list) and all(isinstance(x, str) for x in v) else v
                         for mime, v in o["data"].items()}
        kept.append(o)
    return kept


def normalized(nb):
    """A plain-JSON copy of the notebook (a dict or NotebookNode) with the EXCLUDED items removed or joined."""
    nb = json.loads(json.dumps(nb))
    nb["metadata"].get("language_info", {}).pop("version", None)
    for cell in nb["cells"]:
        cell["metadata"].pop("execution", None)
        cell["source"] = _joined(cell["source"])
        if "outputs" in cell:
            cell["outputs"] = _outputs(cell["outputs"])
    return nb


def _first_line(expected, actual):
    x = json.dumps(expected, indent=1, sort_keys=True, ensure_ascii=False).splitlines()
    y = json.dumps(actual, indent=1, sort_keys=True, ensure_ascii=False).splitlines()
    n = 0
    while n < len(x) and n < len(y) and x[n] == y[n]:
        n += 1
    context = "after %s\n" % x[n - 1].strip() if n > 0 else ""
    return "%s  committed:   %s\n  re-executed: %s" % (
        context, x[n].strip() if n < len(x) else "(nothing more)", y[n].strip() if n < len(y) else "(nothing more)")


def difference(expected, actual):
    """Where the normalised `actual` first differs from the normalised `expected` (cell and line), or None."""
    a, b = expected["cells"], actual["cells"]
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return "cell %d (id %s) differs: %s" % (i + 1, x.get("id", "none"), _first_line(x, y))
    if len(a) != len(b):
        return "the committed notebook has %d cells, the re-executed one %d" % (len(a), len(b))
    rest_a = {k: v for k, v in expected.items() if k != "cells"}
    rest_b = {k: v for k, v in actual.items() if k != "cells"}
    return None if rest_a == rest_b else "the notebook metadata or format differs: " + _first_line(rest_a, rest_b)
