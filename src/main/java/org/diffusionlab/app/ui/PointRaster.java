package org.diffusionlab.app.ui;

import java.nio.IntBuffer;
import java.util.Arrays;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * A square or rectangular ARGB pixel buffer that points, lines and cells are drawn into with plain integer arithmetic
 * (tens of thousands of points in a millisecond or two, far cheaper than canvas calls per point), then copied into a
 * {@link WritableImage} in one {@code setPixels} call, or into an AWT image for export. Not thread-safe; it touches
 * no JavaFX node, so exports can draw on a background thread.
 */
public final class PointRaster {

    private final int width;
    private final int height;
    private final int[] pixels;

    public PointRaster(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("raster must be at least 1 x 1, got " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
        this.pixels = new int[width * height];
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The pixels, row-major ARGB (live, not a copy). */
    public int[] pixels() {
        return pixels;
    }

    public void fill(int argb) {
        Arrays.fill(pixels, argb);
    }

    /** Fills the pixel rectangle [x0, x1) x [y0, y1), clipped, blending by the colour's alpha. */
    public void fillRect(int x0, int y0, int x1, int y1, int argb) {
        int a = argb >>> 24;
        int left = Math.max(0, x0);
        int right = Math.min(width, x1);
        int top = Math.max(0, y0);
        int bottom = Math.min(height, y1);
        for (int y = top; y < bottom; y++) {
            int row = y * width;
            if (a == 255) {
                Arrays.fill(pixels, row + left, row + Math.max(left, right), argb);
            } else {
                for (int x = left; x < right; x++) {
                    pixels[row + x] = blend(pixels[row + x], argb, a);
                }
            }
        }
    }

    /** A square dot of side {@code size} pixels centred on (x, y), blending with {@code alpha} (0..255). */
    public void dot(double x, double y, int size, int rgb, int alpha) {
        int x0 = (int) Math.floor(x - size / 2.0 + 0.5);
        int y0 = (int) Math.floor(y - size / 2.0 + 0.5);
        if (x0 >= width || y0 >= height || x0 + size <= 0 || y0 + size <= 0) {
            return;
        }
        int x1 = Math.min(width, x0 + size);
        int y1 = Math.min(height, y0 + size);
        for (int py = Math.max(0, y0); py < y1; py++) {
            int row = py * width;
            for (int px = Math.max(0, x0); px < x1; px++) {
                pixels[row + px] = blend(pixels[row + px], rgb, alpha);
            }
        }
    }

    /** A line of width {@code thickness} pixels (1 or more) from (x0, y0) to (x1, y1), by even sub-pixel steps. */
    public void line(double x0, double y0, double x1, double y1, int thickness, int argb) {
        double length = Math.hypot(x1 - x0, y1 - y0);
        int steps = Math.max(1, (int) Math.ceil(length * 1.5));
        int alpha = argb >>> 24;
        int lastX = Integer.MIN_VALUE;
        int lastY = Integer.MIN_VALUE;
        for (int i = 0; i <= steps; i++) {
            double f = (double) i / steps;
            double x = x0 + f * (x1 - x0);
            double y = y0 + f * (y1 - y0);
            int px = (int) Math.floor(x);
            int py = (int) Math.floor(y);
            if (px != lastX || py != lastY) {       // never blend the same pixel twice in a row
                dot(x, y, thickness, argb, alpha);
                lastX = px;
                lastY = py;
            }
        }
    }

    /** An arrow from (x0, y0) to (x1, y1) with a head of {@code head} pixels. */
    public void arrow(double x0, double y0, double x1, double y1, int thickness, double head, int argb) {
        line(x0, y0, x1, y1, thickness, argb);
        double length = Math.hypot(x1 - x0, y1 - y0);
        if (length < 1e-9) {
            return;
        }
        double h = Math.min(head, length * 0.6);
        double ux = (x1 - x0) / length;
        double uy = (y1 - y0) / length;
        for (int side = -1; side <= 1; side += 2) {
            // the head's two strokes at +-30 degrees from the shaft
            double cos = Math.cos(Math.PI / 6);
            double sin = Math.sin(Math.PI / 6) * side;
            double hx = -(ux * cos - uy * sin);
            double hy = -(ux * sin + uy * cos);
            line(x1, y1, x1 + hx * h, y1 + hy * h, thickness, argb);
        }
    }

    /** A one-pixel rectangle outline. */
    public void outline(int argb) {
        fillRect(0, 0, width, 1, argb);
        fillRect(0, height - 1, width, height, argb);
        fillRect(0, 0, 1, height, argb);
        fillRect(width - 1, 0, width, height, argb);
    }

    /**
     * Copies the pixels into {@code image} (which must be at least this size), on the FX thread. Every drawing
     * operation leaves pixels opaque, and an opaque pixel is its own premultiplied form, so the pixels go in as they
     * are in the image's native format (no conversion).
     */
    public void writeTo(WritableImage image) {
        image.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbPreInstance(),
                IntBuffer.wrap(pixels), width);
    }

    /** {@code dst} with {@code src}'s colour laid over it at {@code alpha} (0..255); the result is opaque. */
    static int blend(int dst, int src, int alpha) {
        int inv = 255 - alpha;
        int r = (((src >> 16) & 0xff) * alpha + ((dst >> 16) & 0xff) * inv) / 255;
        int g = (((src >> 8) & 0xff) * alpha + ((dst >> 8) & 0xff) * inv) / 255;
        int b = ((src & 0xff) * alpha + (dst & 0xff) * inv) / 255;
        return 0xff000000 | (r << 16) | (g << 8) | b;
    }

    /** A JavaFX colour as opaque ARGB. */
    public static int argb(javafx.scene.paint.Color c) {
        return 0xff000000 | ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }

    /** A JavaFX colour as ARGB keeping its opacity. */
    public static int argbWithAlpha(javafx.scene.paint.Color c) {
        return ((int) Math.round(c.getOpacity() * 255) << 24) | (argb(c) & 0xffffff);
    }
}
