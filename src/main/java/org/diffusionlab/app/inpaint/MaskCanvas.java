package org.diffusionlab.app.inpaint;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import org.diffusionlab.app.ui.Palette;

/**
 * The large, zoomed image on which the mask is painted (nearest-neighbour pixels): with the brush (drag), the eraser
 * (or the brush with the right button), or a rectangle (drag from corner to corner; the right button clears it). It
 * shows the input with the masked pixels as noise, the mask's outline, and during and after a run the fill at the
 * step chosen. Painting is refused while a run goes on.
 */
public final class MaskCanvas extends Canvas {

    private final InpaintViewModel vm;
    private final Palette palette;
    private WritableImage buffer;
    private int[] pixels;
    /** The rectangle being dragged: its first pixel, or null. */
    private int[] rectStart;
    private int[] rectEnd;
    private boolean rectValue;
    private double pointerX = -1;
    private double pointerY = -1;

    public MaskCanvas(InpaintViewModel vm, Palette palette, double side) {
        super(side, side);
        this.vm = vm;
        this.palette = palette;
        setId("mask-canvas");
        getStyleClass().add("mask-canvas");
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> pointer(e.getX(), e.getY()));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> pointer(-1, -1));
    }

    /** Screen pixels per image pixel. */
    public double zoom() {
        return getWidth() / vm.mask().size();
    }

    private boolean editable() {
        return !vm.runningProperty().get() && vm.modeProperty().get() == Mode.FILL && !isDisabled();
    }

    private void pointer(double x, double y) {
        pointerX = x;
        pointerY = y;
        redraw();
    }

    private void pressed(MouseEvent e) {
        if (!editable() || (e.getButton() != MouseButton.PRIMARY && e.getButton() != MouseButton.SECONDARY)) {
            return;
        }
        double z = zoom();
        boolean secondary = e.getButton() == MouseButton.SECONDARY;
        switch (vm.toolProperty().get()) {
            case BRUSH -> vm.mask().beginStroke(e.getX() / z, e.getY() / z, vm.brushSizeProperty().get(), !secondary);
            case ERASER -> vm.mask().beginStroke(e.getX() / z, e.getY() / z, vm.brushSizeProperty().get(), false);
            case RECTANGLE -> {
                rectStart = pixelAt(e.getX(), e.getY());
                rectEnd = rectStart;
                rectValue = !secondary && !e.isShiftDown();
            }
        }
        e.consume();
        pointer(e.getX(), e.getY());
    }

    private void dragged(MouseEvent e) {
        double z = zoom();
        if (vm.mask().strokeOpen()) {
            vm.mask().strokeTo(e.getX() / z, e.getY() / z);
        } else if (rectStart != null) {
            rectEnd = pixelAt(e.getX(), e.getY());
        }
        e.consume();
        pointer(e.getX(), e.getY());
    }

    private void released(MouseEvent e) {
        if (vm.mask().strokeOpen()) {
            vm.mask().strokeTo(e.getX() / zoom(), e.getY() / zoom());
            vm.mask().endStroke();
        } else if (rectStart != null) {
            int[] end = pixelAt(e.getX(), e.getY());
            int[] start = rectStart;
            rectStart = null;
            rectEnd = null;
            vm.mask().rectangle(start[0], start[1], end[0], end[1], rectValue);
        }
        e.consume();
        redraw();
    }

    private int[] pixelAt(double x, double y) {
        int n = vm.mask().size();
        double z = zoom();
        return new int[] {Math.max(0, Math.min(n - 1, (int) Math.floor(x / z))),
                Math.max(0, Math.min(n - 1, (int) Math.floor(y / z)))};
    }

    /** Draws what the view model shows now. */
    public void redraw() {
        GraphicsContext g = getGraphicsContext2D();
        double w = getWidth();
        g.setFill(palette.color("inpaint-background"));
        g.fillRect(0, 0, w, getHeight());
        Mask mask = vm.mask();
        int n = mask.size();
        float[] shown = vm.liveProperty().get() != null || vm.resultIsCurrent() ? vm.shownFill() : vm.input();
        if (shown == null) {
            return;
        }
        int zoom = Math.max(1, (int) Math.floor(w / n));
        int side = n * zoom;
        if (buffer == null || buffer.getWidth() != side) {
            buffer = new WritableImage(side, side);
            pixels = new int[side * side];
        }
        int[] argb = GreyImages.argb(shown, n, n, zoom);
        System.arraycopy(argb, 0, pixels, 0, argb.length);
        buffer.getPixelWriter().setPixels(0, 0, side, side, PixelFormat.getIntArgbInstance(), pixels, 0, side);
        g.drawImage(buffer, 0, 0);
        if (vm.modeProperty().get() == Mode.FILL) {
            outline(g, mask, zoom);
        }
        if (rectStart != null && rectEnd != null) {
            int x0 = Math.min(rectStart[0], rectEnd[0]);
            int y0 = Math.min(rectStart[1], rectEnd[1]);
            int x1 = Math.max(rectStart[0], rectEnd[0]);
            int y1 = Math.max(rectStart[1], rectEnd[1]);
            g.setStroke(palette.color("inpaint-brush"));
            g.setLineWidth(2);
            g.setLineDashes(6, 4);
            g.strokeRect(x0 * zoom + 1, y0 * zoom + 1, (x1 - x0 + 1) * zoom - 2, (y1 - y0 + 1) * zoom - 2);
            g.setLineDashes();
        } else if (pointerX >= 0 && editable() && vm.toolProperty().get() != InpaintViewModel.Tool.RECTANGLE) {
            double r = Math.max(0.5, vm.brushSizeProperty().get() / 2.0) * zoom;
            g.setStroke(palette.color("inpaint-brush"));
            g.setLineWidth(1.5);
            g.strokeOval(pointerX - r, pointerY - r, 2 * r, 2 * r);
        }
    }

    /** The mask's boundary: a line along every edge between a masked and a known pixel (or the image's edge). */
    private void outline(GraphicsContext g, Mask mask, int zoom) {
        Color c = palette.color("inpaint-outline");
        g.setStroke(c);
        g.setLineWidth(2);
        int n = mask.size();
        g.beginPath();
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                if (!mask.get(x, y)) {
                    continue;
                }
                if (!mask.get(x - 1, y)) {
                    line(g, x, y, x, y + 1, zoom);
                }
                if (!mask.get(x + 1, y)) {
                    line(g, x + 1, y, x + 1, y + 1, zoom);
                }
                if (!mask.get(x, y - 1)) {
                    line(g, x, y, x + 1, y, zoom);
                }
                if (!mask.get(x, y + 1)) {
                    line(g, x, y + 1, x + 1, y + 1, zoom);
                }
            }
        }
        g.stroke();
    }

    private static void line(GraphicsContext g, int x0, int y0, int x1, int y1, int zoom) {
        g.moveTo(x0 * zoom, y0 * zoom);
        g.lineTo(x1 * zoom, y1 * zoom);
    }
}
