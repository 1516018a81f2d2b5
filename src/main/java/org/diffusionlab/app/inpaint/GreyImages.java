package org.diffusionlab.app.inpaint;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Grey-level pixels (0 black, 1 white, clipped) as JavaFX images, enlarged with nearest-neighbour pixels. */
public final class GreyImages {

    private GreyImages() {
    }

    /** One grey level as an opaque ARGB pixel. */
    static int argb(float v) {
        int k = Float.isNaN(v) ? 0 : Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
        return 0xff000000 | k << 16 | k << 8 | k;
    }

    /** A width x height image enlarged {@code zoom} times (each pixel a zoom x zoom square). */
    public static int[] argb(float[] px, int width, int height, int zoom) {
        int w = width * zoom;
        int[] out = new int[w * height * zoom];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int c = argb(px[y * width + x]);
                int base = y * zoom * w + x * zoom;
                for (int dy = 0; dy < zoom; dy++) {
                    java.util.Arrays.fill(out, base + dy * w, base + dy * w + zoom, c);
                }
            }
        }
        return out;
    }

    /** The same as a new WritableImage. */
    public static WritableImage image(float[] px, int width, int height, int zoom) {
        WritableImage img = new WritableImage(width * zoom, height * zoom);
        img.getPixelWriter().setPixels(0, 0, width * zoom, height * zoom, PixelFormat.getIntArgbInstance(),
                argb(px, width, height, zoom), 0, width * zoom);
        return img;
    }
}
