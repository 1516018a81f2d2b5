package org.diffusionlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Random;

/**
 * Patches of a natural texture photo standing in for the paper's bark: {@code datasets/gravel.png} or
 * {@code grass.png} (512 x 512, 8-bit grey, CC0; see datasets/README.md). Training patches come from the left three
 * quarters of the photo, held-out patches from the right quarter, a region training never sees.
 */
public final class TextureImages implements ImageDataset {

    /** The textures bundled. */
    public static final java.util.List<String> NAMES = java.util.List.of("gravel", "grass");
    private static final long HOLDOUT_SEED = 0x7E47E4L;

    private final String texture;
    private final int size;
    private final ImageFiles.Gray photo;
    private final int split;         // columns < split train, >= split holdout

    private TextureImages(String texture, int size, ImageFiles.Gray photo) {
        this.texture = texture;
        this.size = size;
        this.photo = photo;
        this.split = photo.width() * 3 / 4;
        if (photo.width() - split < size || split < size || photo.height() < size) {
            throw new IllegalArgumentException("The photo of " + texture + " is too small for " + size + " x " + size + " patches");
        }
    }

    /** A bundled texture by name (gravel or grass). */
    public static TextureImages load(String texture, int size) {
        String t = texture.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(t)) {
            throw new IllegalArgumentException("Unknown texture '" + texture + "'; bundled: " + String.join(", ", NAMES));
        }
        String resource = "/datasets/" + t + ".png";
        try (InputStream in = TextureImages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("The bundled texture " + resource + " is missing from the class path");
            }
            return new TextureImages(t, size, ImageFiles.read(in, resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "texture:" + texture;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean eightBit() {
        return true;
    }

    private float[] patch(int x0, int y0) {
        float[] p = new float[size * size];
        for (int y = 0; y < size; y++) {
            System.arraycopy(photo.pixels(), (y0 + y) * photo.width() + x0, p, y * size, size);
        }
        return p;
    }

    @Override
    public float[][] training(int n, Random rng) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = patch(rng.nextInt(split - size + 1), rng.nextInt(photo.height() - size + 1));
        }
        return out;
    }

    @Override
    public float[][] holdout(int n) {
        Random rng = new Random(HOLDOUT_SEED);
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = patch(split + rng.nextInt(photo.width() - split - size + 1), rng.nextInt(photo.height() - size + 1));
        }
        return out;
    }

    @Override
    public int holdoutCount() {
        return Integer.MAX_VALUE;
    }
}
