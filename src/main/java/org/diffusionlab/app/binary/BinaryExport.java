package org.diffusionlab.app.binary;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntConsumer;

import org.diffusionlab.app.trajectory.Direction;
import org.diffusionlab.app.ui.AnimatedGif;
import org.diffusionlab.app.ui.AtomicFiles;
import org.diffusionlab.app.ui.ExportFiles;
import org.diffusionlab.app.ui.PointRaster;
import org.diffusionlab.engine.binomial.BinaryTrajectory;

/**
 * The binary pane's exports, drawn from immutable {@link BinaryFrames} so they run on a background thread: the shown
 * frame as PNG, the reverse process as a looping animated GIF (at most {@link #GIF_FRAMES} frames), and a trajectory as
 * CSV ({@code t,sequence,bits}). Every file is written beside its target and renamed into place.
 */
public final class BinaryExport {

    /** Most frames in a GIF: T = 2000 steps are subsampled evenly, t = T and t = 0 always included. */
    public static final int GIF_FRAMES = 200;
    /** Size of one raster in an export, and the caption band above it. */
    public static final int WIDTH = 480;
    public static final int HEIGHT = 640;
    public static final int CAPTION = 30;
    /** Colours of the caption text and background (the raster style has the rest). */
    public record Picture(Direction direction, RasterRenderer.Style style, int ink) {
    }

    private BinaryExport() {
    }

    /** The rasters of {@code picture.direction()} at step t (two side by side for BOTH) with captions. */
    public static BufferedImage image(BinaryFrames f, int t, Picture picture) {
        Direction[] shown = picture.direction().processes();
        BufferedImage out = new BufferedImage(WIDTH * shown.length, HEIGHT + CAPTION, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = ExportFiles.canvas(out, picture.style().background(), picture.ink(), 14);
        try {
            PointRaster raster = new PointRaster(WIDTH, HEIGHT);
            for (int k = 0; k < shown.length; k++) {
                boolean reverse = shown[k] == Direction.REVERSE;
                RasterRenderer.render(raster, reverse ? f.reverse() : f.forward(), t, reverse ? f.fixed() : null,
                        reverse ? RasterRenderer.correctRows(f, t) : null, picture.style());
                out.setRGB(k * WIDTH, CAPTION, WIDTH, HEIGHT, raster.pixels(), 0, WIDTH);
                g.drawString(caption(f, shown[k], t), k * WIDTH + 8, CAPTION - 10);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    static String caption(BinaryFrames f, Direction row, int t) {
        if (row == Direction.FORWARD) {
            return String.format(Locale.ROOT, "forward q (data \u2192 coin flips)   t = %d / %d", t, f.steps());
        }
        return String.format(Locale.ROOT, "reverse p   t = %d / %d   true heartbeats %d / %d", t, f.steps(),
                f.correctAt(t), f.rows());
    }

    public static void png(Path file, BinaryFrames f, int t, Picture picture) throws IOException {
        ExportFiles.png(file, image(f, t, picture));
    }

    /** The steps a GIF shows, from t = T down to 0, evenly spaced, at most {@link #GIF_FRAMES}. */
    public static int[] gifSteps(int steps) {
        int n = Math.min(steps + 1, GIF_FRAMES);
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = n == 1 ? 0 : (int) Math.round(steps - (double) k * steps / (n - 1));
        }
        return out;
    }

    /**
     * The reverse process from noise to samples as an animated GIF that loops forever, {@code delayMillis} per frame
     * and a longer pause on the samples (t = 0). {@code progress} gets the frames done so far.
     */
    public static void gif(Path file, BinaryFrames f, Picture picture, int delayMillis, IntConsumer progress)
            throws IOException {
        int[] ts = gifSteps(f.steps());
        Picture reverse = new Picture(Direction.REVERSE, picture.style(), picture.ink());
        AtomicFiles.write(file, temp -> AnimatedGif.write(temp, ts.length, k -> image(f, ts[k], reverse),
                k -> k == ts.length - 1 ? 2000 : delayMillis, progress));
    }

    /**
     * One process's trajectory as CSV, header {@code t,sequence,bits}, one row per kept step and sequence with the
     * bits as a string of 0 and 1: from t = 0 up for q, from t = T down for p.
     */
    public static void csv(Path file, BinaryFrames f, Direction row) throws IOException {
        if (row == Direction.BOTH) {
            throw new IllegalArgumentException("choose the forward or the reverse trajectory");
        }
        ExportFiles.text(file, w -> writeCsv(w, row == Direction.FORWARD ? f.forward() : f.reverse(),
                row == Direction.FORWARD));
    }

    static void writeCsv(Writer w, BinaryTrajectory tr, boolean up) throws IOException {
        int steps = tr.steps();
        w.write("t,sequence,bits\n");
        StringBuilder line = new StringBuilder(48);
        for (int k = 0; k <= steps; k++) {
            int t = up ? k : steps - k;
            if (!tr.hasFrame(t)) {
                continue;
            }
            for (int r = 0; r < tr.rows(); r++) {
                line.setLength(0);
                line.append(t).append(',').append(r).append(',');
                for (int b = 0; b < tr.bins(); b++) {
                    line.append(tr.value(t, r, b) == 1 ? '1' : '0');
                }
                line.append('\n');
                w.append(line);
            }
        }
    }
}
