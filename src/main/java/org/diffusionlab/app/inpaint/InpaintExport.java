package org.diffusionlab.app.inpaint;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntConsumer;
import javax.imageio.ImageIO;
import org.diffusionlab.app.ui.AnimatedGif;
import org.diffusionlab.app.ui.AtomicFiles;

/**
 * Exports of a finished run, written off the JavaFX thread: a PNG with one row per fill (original | input | filled |
 * difference, enlarged with nearest-neighbour pixels, captioned) and an animated GIF of x_t from t = T to 0 (all fills
 * side by side). Files are written to a temporary file beside the target and renamed into place.
 */
public final class InpaintExport {

    /** Enlargement of each image pixel. */
    public static final int ZOOM = 8;
    static final int GAP = 8;
    static final int CAPTION = 22;
    /** The GIF shows at most this many frames (every k-th step, the last step always). */
    public static final int MAX_GIF_FRAMES = 101;

    private InpaintExport() {
    }

    /** The captions of the four columns. */
    static String[] captions(Mode mode) {
        return mode == Mode.FILL ? new String[] {"original", "masked", "filled", "|filled \u2212 original|"}
                : new String[] {"original", "noisy", "denoised", "|denoised \u2212 original|"};
    }

    /** The PNG's picture: one row per fill, four columns, a caption above. */
    public static BufferedImage comparison(FillResult r) {
        int size = r.trajectory().size();
        int cell = size * ZOOM;
        int rows = r.fills();
        int w = GAP + 4 * (cell + GAP);
        int h = CAPTION + GAP + rows * (cell + GAP);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        String[] caps = captions(r.job().mode());
        for (int c = 0; c < 4; c++) {
            g.drawString(caps[c], GAP + c * (cell + GAP), CAPTION - 6);
        }
        g.dispose();
        float[] original = r.job().image().pixels();
        float[] input = r.job().input();
        for (int i = 0; i < rows; i++) {
            float[] filled = r.filled(i);
            float[][] cols = {original, input, filled, difference(filled, original)};
            for (int c = 0; c < 4; c++) {
                paste(img, cols[c], size, GAP + c * (cell + GAP), CAPTION + GAP + i * (cell + GAP));
            }
        }
        return img;
    }

    static float[] difference(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.abs(a[i] - b[i]);
        }
        return d;
    }

    private static void paste(BufferedImage img, float[] px, int size, int x0, int y0) {
        int[] argb = GreyImages.argb(px, size, size, ZOOM);
        img.setRGB(x0, y0, size * ZOOM, size * ZOOM, argb, 0, size * ZOOM);
    }

    public static void png(Path file, FillResult r) throws IOException {
        BufferedImage img = comparison(r);
        AtomicFiles.write(file, temp -> {
            if (!ImageIO.write(img, "png", temp.toFile())) {
                throw new IOException("no PNG writer");
            }
        });
    }

    /** The steps the GIF shows, from T down to 0. */
    static int[] gifSteps(int steps) {
        int stride = Math.max(1, (int) Math.ceil(steps / (double) (MAX_GIF_FRAMES - 1)));
        int n = steps / stride + 1 + (steps % stride == 0 ? 0 : 1);
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = Math.max(0, steps - k * stride);
        }
        out[n - 1] = 0;
        return out;
    }

    /** One GIF frame: every fill at step t side by side. */
    static BufferedImage gifFrame(FillResult r, int t) {
        int size = r.trajectory().size();
        int cell = size * ZOOM;
        int n = r.fills();
        BufferedImage img = new BufferedImage(n * cell + (n - 1) * GAP, cell, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.dispose();
        for (int i = 0; i < n; i++) {
            int[] argb = GreyImages.argb(r.image(t, i), size, size, ZOOM);
            img.setRGB(i * (cell + GAP), 0, cell, cell, argb, 0, cell);
        }
        return img;
    }

    /** The fill as a looping animated GIF, 40 ms a frame, the result held for 2 s. */
    public static void gif(Path file, FillResult r, IntConsumer progress) throws IOException {
        int[] steps = gifSteps(r.steps());
        AtomicFiles.write(file, temp -> AnimatedGif.write(temp, steps.length, k -> gifFrame(r, steps[k]),
                k -> k == steps.length - 1 ? 2000 : 40, progress));
    }
}
