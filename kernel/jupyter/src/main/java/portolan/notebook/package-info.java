/**
 * Jupyter notebook files (nbformat 4) and a headless runner: {@link portolan.notebook.Notebook}
 * reads and writes {@code .ipynb} byte-compatibly with Jupyter, and
 * {@link portolan.notebook.NotebookRunner} executes a notebook through the kernel's
 * {@link portolan.kernel.core.Interpreter} with per-cell time limits, with no Python involved.
 */
package portolan.notebook;
