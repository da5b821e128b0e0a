import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * MakeLogos draws the kernelspec logos (a compass rose, the mark of a portolan chart) as
 * {@code logo-32x32.png} and {@code logo-64x64.png}. The PNGs are committed; this program only
 * documents how they were made. Run from the repository root:
 * {@code java -Djava.awt.headless=true install/MakeLogos.java install}
 */
public final class MakeLogos {

    private static final Color SEA = new Color(0x1F4E79);
    private static final Color GOLD = new Color(0xE0A526);
    private static final Color PAPER = new Color(0xF7F1E1);

    public static void main(String[] args) throws IOException {
        File dir = new File(args.length > 0 ? args[0] : ".");
        for (int size : new int[] {32, 64}) {
            ImageIO.write(draw(size), "png", new File(dir, "logo-" + size + "x" + size + ".png"));
        }
    }

    private static BufferedImage draw(int size) {
        // Drawn at 8x and scaled down once, which gives smoother edges than drawing small.
        int big = size * 8;
        BufferedImage hi = new BufferedImage(big, big, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = hi.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double c = big / 2.0;
        g.setColor(PAPER);
        g.fill(new Ellipse2D.Double(big * 0.04, big * 0.04, big * 0.92, big * 0.92));
        g.setColor(SEA);
        g.setStroke(new BasicStroke(big * 0.035f));
        g.draw(new Ellipse2D.Double(big * 0.06, big * 0.06, big * 0.88, big * 0.88));
        // Four short intercardinal points, then the four long cardinal points on top.
        star(g, c, big * 0.30, big * 0.07, Math.PI / 4, GOLD);
        star(g, c, big * 0.44, big * 0.10, 0, SEA);
        g.setColor(GOLD);
        g.fill(new Ellipse2D.Double(c - big * 0.05, c - big * 0.05, big * 0.10, big * 0.10));
        g.dispose();

        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D s = out.createGraphics();
        s.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        s.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        s.drawImage(hi.getScaledInstance(size, size, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        s.dispose();
        return out;
    }

    /** Four diamond-shaped points of length {@code r} and half-width {@code w}, turned by {@code turn}. */
    private static void star(Graphics2D g, double c, double r, double w, double turn, Color color) {
        g.setColor(color);
        for (int i = 0; i < 4; i++) {
            double a = turn + i * Math.PI / 2;
            Path2D.Double p = new Path2D.Double();
            p.moveTo(c, c);
            p.lineTo(c + w * Math.cos(a - Math.PI / 2), c + w * Math.sin(a - Math.PI / 2));
            p.lineTo(c + r * Math.cos(a), c + r * Math.sin(a));
            p.lineTo(c + w * Math.cos(a + Math.PI / 2), c + w * Math.sin(a + Math.PI / 2));
            p.closePath();
            g.fill(p);
        }
    }
}
