package org.diffusionlab.app.trajectory;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntConsumer;

import org.diffusionlab.app.ui.AnimatedGif;
import org.diffusionlab.app.ui.AtomicFiles;
import org.diffusionlab.app.ui.ExportFiles;
import org.diffusionlab.app.ui.PointRaster;

/**
 * The Trajectory pane's exports, all drawn from an immutable {@link TrajectoryFrames} so they can run on a background
 * thread: the current frame as PNG, the whole animation as an animated GIF (the JDK's GIF writer, looping), and a
 * trajectory as CSV ({@code t,point,x,y}). Every file is written beside its target and renamed into place.
 */
public final class TrajectoryExport {

    /** How the picture is laid out: the views shown, their side in pixels, and a caption band above. */
    public record Picture(Direction direction, FrameRenderer.Overlays overlays, FrameRenderer.Style style,
                          int[] follow, int side) {
    }

    static final int CAPTION = 30;

    private TrajectoryExport() {
    }

    /** The views of {@code picture} at step t (two side by side for BOTH) with a caption naming process and t. */
    public static BufferedImage image(TrajectoryFrames frames, int t, Picture picture) {
        Direction[] rows = picture.direction().processes();
        int side = picture.side();
        BufferedImage out = new BufferedImage(side * rows.length, side + CAPTION, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = ExportFiles.canvas(out, picture.style().background(), picture.style().ink(), 15);
        try {
            PointRaster raster = new PointRaster(side, side);
            for (int k = 0; k < rows.length; k++) {
                FrameRenderer.render(raster, frames, rows[k], t, picture.overlays(), picture.style(), picture.follow());
                out.setRGB(k * side, CAPTION, side, side, raster.pixels(), 0, side);
                g.drawString(caption(rows[k], t, frames.steps()), k * side + 8, CAPTION - 9);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    static String caption(Direction row, int t, int steps) {
        return String.format(Locale.ROOT, "%s   t = %d of %d", row == Direction.FORWARD
                ? "forward q (data \u2192 noise)" : "reverse p (noise \u2192 data)", t, steps);
    }

    /** Writes the frame at t as a PNG. */
    public static void png(Path file, TrajectoryFrames frames, int t, Picture picture) throws IOException {
        ExportFiles.png(file, image(frames, t, picture));
    }

    /**
     * Writes every step as an animated GIF that loops forever, in the order the pane plays them (forward: t = 0..T;
     * reverse and both: t = T..0), {@code delayMillis} per frame. {@code progress} gets the frames done so far.
     */
    public static void gif(Path file, TrajectoryFrames frames, Picture picture, int delayMillis, IntConsumer progress)
            throws IOException {
        int steps = frames.steps();
        boolean up = picture.direction() == Direction.FORWARD;
        AtomicFiles.write(file, temp -> AnimatedGif.write(temp, steps + 1, k -> image(frames, up ? k : steps - k, picture),
                k -> delayMillis, progress));
    }

    /**
     * Writes one process's trajectory as CSV, header {@code t,point,x,y}, one row per point and step:
     * points x (T + 1) rows, from t = 0 up under q, from t = T down under p (as the command line's trajectory).
     */
    public static void csv(Path file, TrajectoryFrames frames, Direction row) throws IOException {
        if (row == Direction.BOTH) {
            throw new IllegalArgumentException("choose the forward or the reverse trajectory");
        }
        ExportFiles.text(file, w -> writeCsv(w, frames, row));
    }

    static void writeCsv(Writer w, TrajectoryFrames frames, Direction row) throws IOException {
        var tr = frames.trajectory(row);
        int steps = tr.steps();
        w.write("t,point,x,y\n");
        StringBuilder line = new StringBuilder(64);
        for (int k = 0; k <= steps; k++) {
            int t = row == Direction.FORWARD ? k : steps - k;
            for (int i = 0; i < tr.points(); i++) {
                line.setLength(0);
                line.append(t).append(',').append(i).append(',').append(tr.coordinate(t, i, 0)).append(',')
                        .append(tr.coordinate(t, i, 1)).append('\n');
                w.append(line);
            }
        }
    }
}
