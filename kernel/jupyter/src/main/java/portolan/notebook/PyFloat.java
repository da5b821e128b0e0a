package portolan.notebook;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code str(float)} for a Java {@code double}: the shortest digit string that reads
 * back as the same double, in fixed notation when the decimal exponent is in [-4, 16) and in
 * exponent notation ({@code 1e-05}, {@code 1.5e+16}) otherwise, always with {@code .0} for
 * integral values in fixed notation. nbgrader hashes {@code str(float(points))} into its cell
 * checksum and nbformat writes floats this way, so both must match byte for byte.
 */
public final class PyFloat {

    private PyFloat() {
    }

    /** Formats {@code x} exactly as CPython's {@code repr(float)} / {@code str(float)} does. */
    public static String str(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return (1 / x < 0) ? "-0.0" : "0.0";
        }
        String sign = x < 0 ? "-" : "";
        BigDecimal shortest = shortest(Math.abs(x));
        String digits = shortest.unscaledValue().toString();
        // Strip trailing zeros of the digit string; decpt is the position of the decimal
        // point relative to the first digit (value = 0.d1d2... * 10^decpt), as in CPython.
        int decpt = digits.length() - shortest.scale();
        digits = digits.replaceFirst("0+$", "");
        if (digits.isEmpty()) {
            digits = "0";
        }
        if (decpt <= -4 || decpt > 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int exp = decpt - 1;
            String e = String.valueOf(Math.abs(exp));
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }
        StringBuilder sb = new StringBuilder(sign);
        if (decpt <= 0) {
            sb.append("0.").append("0".repeat(-decpt)).append(digits);
        } else if (decpt >= digits.length()) {
            sb.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
        } else {
            sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
        return sb.toString();
    }

    /**
     * The shortest decimal that round-trips to {@code x}; among equally short ones the closest
     * to the exact binary value (David Gay's mode 0, which CPython uses). {@code Double.toString}
     * is not always shortest before JDK 19, so the digits are searched for directly.
     */
    private static BigDecimal shortest(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int precision = 1; precision <= 17; precision++) {
            MathContext nearest = new MathContext(precision, RoundingMode.HALF_EVEN);
            BigDecimal best = null;
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal candidate = exact.round(mode == RoundingMode.HALF_EVEN ? nearest : new MathContext(precision, mode));
                if (candidate.doubleValue() == x) {
                    if (best == null || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0) {
                        best = candidate;
                    }
                }
            }
            if (best != null) {
                return best;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
}
