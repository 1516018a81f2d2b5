package org.diffusionlab.app.inpaint;

/**
 * The image to fill or denoise, in the model's size: grey levels in [0, 1], row-major. {@code crop} says how a file of
 * the user's was cut to fit (null for images from a data set or the model).
 */
public record SourceImage(String title, int size, float[] pixels, Crop crop) {

    public SourceImage {
        if (pixels.length != size * size) {
            throw new IllegalArgumentException("Expected " + size * size + " pixels, got " + pixels.length);
        }
        pixels = pixels.clone();
    }

    @Override
    public float[] pixels() {
        return pixels.clone();
    }

    /** Pixel i without a copy. */
    public float pixel(int i) {
        return pixels[i];
    }

    /**
     * How a file was cut: its size, the central square taken ({@code x0, y0, side} in the file's pixels), and a
     * thumbnail of the whole file (at most {@value #THUMB} pixels a side) to show the square on.
     */
    public record Crop(int width, int height, int x0, int y0, int side, int thumbWidth, int thumbHeight, float[] thumb) {
        public static final int THUMB = 200;

        public Crop {
            thumb = thumb.clone();
        }

        @Override
        public float[] thumb() {
            return thumb.clone();
        }

        /** Whether the file had to be cropped (it was not square). */
        public boolean cropped() {
            return side < width || side < height;
        }
    }
}
