package portolan.grader;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import portolan.notebook.Cell;
import portolan.notebook.PyFloat;

/**
 * nbgrader's cell checksum ({@code nbgrader.utils.compute_checksum}): MD5 over the source, the
 * cell type, Python's {@code str()} of is_grade / is_solution / is_locked ({@code True}/{@code False}),
 * the grade_id and, for grade cells, {@code str(float(points))}. Matching it byte for byte lets
 * stock nbgrader and Portolan grade each other's notebooks.
 */
public final class Checksum {

    private Checksum() {
    }

    /** The checksum of an nbgrader cell (32 lowercase hex digits). */
    public static String of(Cell cell) {
        NbgraderMeta meta = NbgraderMeta.of(cell);
        if (meta == null || meta.gradeId() == null) {
            throw new IllegalArgumentException("only cells with nbgrader metadata and a grade_id have a checksum");
        }
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
        update(md5, cell.source());
        update(md5, cell.type());
        update(md5, py(meta.grade()));
        update(md5, py(meta.solution()));
        update(md5, py(meta.isLocked()));
        update(md5, meta.gradeId());
        if (meta.grade()) {
            update(md5, PyFloat.str(meta.points()));
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static void update(MessageDigest md5, String text) {
        md5.update(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String py(boolean b) {
        return b ? "True" : "False";
    }
}
