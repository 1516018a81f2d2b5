package org.diffusionlab.app.binary;

import java.util.function.Supplier;

import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import org.diffusionlab.app.ui.PointRaster;
import org.diffusionlab.engine.binomial.BinaryTrajectory;

/**
 * One frame of binary sequences on a canvas (rows = sequences, columns = bins, 1 = filled cell), drawn by
 * {@link RasterRenderer} into a pixel buffer and copied to the canvas in one call, so it can redraw at every
 * animation frame. It keeps its buffer between redraws; the owner calls {@link #redraw()} when what it shows changed.
 */
public final class BinaryRaster extends Region {

    /**
     * What to draw, asked for at each redraw.
     *
     * @param trajectory the sequences (null: nothing yet)
     * @param t          the step shown
     * @param fixed      fixed bins to highlight, or null
     * @param correct    per row correct or not (marks), or null for no marks
     */
    public record Content(BinaryTrajectory trajectory, int t, int[] fixed, boolean[] correct,
                          RasterRenderer.Style style) {
    }

    private final Canvas canvas = new Canvas();
    private final Supplier<Content> content;
    private PointRaster raster;
    private WritableImage image;
    private Content shown;

    public BinaryRaster(Supplier<Content> content) {
        this.content = content;
        getStyleClass().add("binary-raster");
        getChildren().add(canvas);
        setMinSize(160, 120);
        setPrefSize(420, 520);
    }

    public Canvas canvas() {
        return canvas;
    }

    /** What the last redraw showed, or null if it drew no sequences. */
    public Content shown() {
        return shown;
    }

    /** The horizontal layout of the cells at the current width (a bin selector above aligns with it). */
    public RasterRenderer.Geometry geometry(int bins) {
        return RasterRenderer.geometry(getWidth(), bins);
    }

    /** The centre of a cell in the canvas's coordinates (for tests and clicks). */
    public double[] cellCentre(int row, int bin) {
        Content c = shown;
        int rows = c == null ? 1 : c.trajectory().rows();
        int bins = c == null ? 20 : c.trajectory().bins();
        int h = RasterRenderer.rowsHeight((int) canvas.getHeight(), rows);
        double y0 = RasterRenderer.rowTop(row, rows, h);
        double y1 = RasterRenderer.rowTop(row + 1, rows, h);
        return new double[] {RasterRenderer.geometry(canvas.getWidth(), bins).binCentre(bin), (y0 + y1) / 2};
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            redraw();
        }
        canvas.relocate(0, 0);
    }

    /** Renders the content now (on the FX thread). */
    public void redraw() {
        int w = (int) canvas.getWidth();
        int h = (int) canvas.getHeight();
        var g = canvas.getGraphicsContext2D();
        if (w < 2 || h < 2) {
            return;
        }
        Content c = content.get();
        if (raster == null || raster.width() != w || raster.height() != h) {
            raster = new PointRaster(w, h);
            image = new WritableImage(w, h);
        }
        if (c == null || c.trajectory() == null) {
            shown = null;
            g.clearRect(0, 0, w, h);
            if (c != null) {
                raster.fill(c.style().background());
                raster.writeTo(image);
                g.drawImage(image, 0, 0);
            }
            return;
        }
        int t = Math.max(0, Math.min(c.trajectory().steps(), c.t()));
        shown = new Content(c.trajectory(), t, c.fixed(), c.correct(), c.style());
        RasterRenderer.render(raster, c.trajectory(), t, c.fixed(), c.correct(), c.style());
        raster.writeTo(image);
        g.drawImage(image, 0, 0);
    }
}
