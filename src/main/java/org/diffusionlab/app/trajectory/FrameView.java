package org.diffusionlab.app.trajectory;

import java.util.function.Supplier;

import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import org.diffusionlab.app.ui.PointRaster;

/**
 * A square view of one process at one step, drawn by {@link FrameRenderer} into a pixel buffer and shown through a
 * {@link WritableImage} on a {@link Canvas}. It keeps the raster and image between redraws and only reallocates them
 * when its size changes. The owner calls {@link #redraw()} when anything it shows changed.
 */
public final class FrameView extends Region {

    /** What to draw: everything the renderer needs, asked for at each redraw. */
    public record Content(TrajectoryFrames frames, Direction row, int t, FrameRenderer.Overlays overlays,
                          FrameRenderer.Style style, int[] follow) {
    }

    private final Canvas canvas = new Canvas();
    private final Supplier<Content> content;
    private PointRaster raster;
    private WritableImage image;
    private FrameRenderer.Legend legend = new FrameRenderer.Legend(Double.NaN, Double.NaN, Double.NaN);
    private Runnable overlay = () -> { };
    private Content shown;

    public FrameView(Supplier<Content> content, double minSide) {
        this.content = content;
        getStyleClass().add("frame-view");
        getChildren().add(canvas);
        setMinSize(minSide, minSide);
        setPrefSize(minSide * 2, minSide * 2);
    }

    /** Extra drawing on the canvas after the frame (the drawing mode's strokes). */
    public void setOverlay(Runnable overlay) {
        this.overlay = overlay;
    }

    public Canvas canvas() {
        return canvas;
    }

    /** The side of the square drawn, in pixels. */
    public int side() {
        return (int) canvas.getWidth();
    }

    /** What the last redraw drew besides points (arrow scale, heat range). */
    public FrameRenderer.Legend legend() {
        return legend;
    }

    /** What the last redraw showed (frames, process and step), or null before frames arrived. */
    public Content shown() {
        return shown;
    }

    /** Data coordinates of a canvas pixel, for a view box of [-extent, extent]^2. */
    public double[] toData(double px, double py, double extent) {
        double s = Math.max(1, canvas.getWidth());
        return new double[] {px / s * 2 * extent - extent, extent - py / s * 2 * extent};
    }

    /** Canvas pixel of data coordinates. */
    public double[] toPixel(double x, double y, double extent) {
        double s = Math.max(1, canvas.getWidth());
        return new double[] {(x + extent) / (2 * extent) * s, (extent - y) / (2 * extent) * s};
    }

    @Override
    protected void layoutChildren() {
        double side = Math.floor(Math.max(0, Math.min(getWidth(), getHeight())));
        if (canvas.getWidth() != side || canvas.getHeight() != side) {
            canvas.setWidth(side);
            canvas.setHeight(side);
            redraw();
        }
        canvas.relocate(Math.floor((getWidth() - side) / 2), 0);
    }

    @Override
    protected double computePrefHeight(double width) {
        return width > 0 ? width : super.computePrefHeight(width);
    }

    /** Renders the content now (on the FX thread; a few milliseconds for tens of thousands of points). */
    public void redraw() {
        int side = (int) canvas.getWidth();
        var g = canvas.getGraphicsContext2D();
        if (side < 2) {
            return;
        }
        Content c = content.get();
        if (raster == null || raster.width() != side) {
            raster = new PointRaster(side, side);
            image = new WritableImage(side, side);
        }
        if (c == null || c.frames() == null) {
            g.clearRect(0, 0, side, side);
            if (c != null) {
                raster.fill(c.style().background());
                raster.outline(c.style().frame());
                raster.writeTo(image);
                g.drawImage(image, 0, 0);
            }
            overlay.run();
            return;
        }
        int t = Math.max(0, Math.min(c.frames().steps(), c.t()));
        shown = new Content(c.frames(), c.row(), t, c.overlays(), c.style(), c.follow());
        legend = FrameRenderer.render(raster, c.frames(), c.row(), t, c.overlays(), c.style(), c.follow());
        raster.writeTo(image);
        g.drawImage(image, 0, 0);
        overlay.run();
    }
}
