/**
 * An nbgrader-compatible grader for Java notebooks, run as {@code portolan grade ...} with no
 * Python. Notebooks use nbgrader's cell metadata (schema 3) and checksums exactly, so stock
 * nbgrader and Portolan can grade each other's assignments.
 *
 * <h2>Writing an assignment</h2>
 * <ul>
 * <li>Answer cells carry {@code // BEGIN SOLUTION} ... {@code // END SOLUTION}; {@code release}
 *     replaces the region with a placeholder that still compiles ({@link portolan.grader.JavaStub}).</li>
 * <li>Test cells are locked grade cells with points. A test cell passes if it runs without an
 *     error (a failed assertion or exception is an {@code error} output). Lines between
 *     {@code // BEGIN HIDDEN TESTS} and {@code // END HIDDEN TESTS} are left out of the student
 *     version, put back when grading and never shown in feedback.</li>
 * <li>Partial credit: a test cell that displays a {@value portolan.grader.Scoring#TESTS_MIME}
 *     report earns its points in proportion to the points of the tests that passed (see
 *     {@link portolan.grader.Scoring}).</li>
 * <li>Our own per-cell settings go under {@code metadata.portolan}, never inside
 *     {@code metadata.nbgrader} (nbgrader deletes keys it does not know):
 *     {@code {"timeout": 60}} gives a slow test cell its own limit in seconds. The autograded
 *     notebook records each graded cell's result under {@code metadata.portolan.grade}.</li>
 * </ul>
 *
 * <h2>Grading</h2>
 * {@link portolan.grader.Autograde} grades a folder of submissions in parallel; each submission
 * runs top to bottom in its own worker JVM ({@link portolan.notebook.CellSession}), with a
 * limit per cell and one per submission; a cell that hangs, exits or exhausts memory costs only
 * itself and the cells that depend on it. Locked cells are compared with the released checksum,
 * restored from the instructor version and any change is reported.
 */
package portolan.grader;
