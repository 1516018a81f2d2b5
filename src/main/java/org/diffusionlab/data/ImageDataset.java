package org.diffusionlab.data;

import java.util.Random;

/**
 * A source of square grey-scale training images, values in [0, 1] (0 black). Held-out images never overlap the
 * training ones: a separate stream for generated data, a separate split or region for stored data.
 */
public interface ImageDataset {

    /** The name as typed on the command line ("deadleaves", "digits", "texture:gravel", "folder:/path"). */
    String name();

    /** Side length of the images, pixels. */
    int size();

    /**
     * Whether the values are 8-bit grey levels k / 255. Such data are dequantised for training and evaluation: level k
     * becomes (k + u) / 256 with u uniform in [0, 1), a density on [0, 1) whose integral over one grey level's bin is
     * the probability of k.
     */
    boolean eightBit();

    /** n training images [n][size * size], row-major, drawn with {@code rng}. */
    float[][] training(int n, Random rng);

    /** The first n held-out images (deterministic); at most {@link #holdoutCount()}. */
    float[][] holdout(int n);

    /** How many held-out images there are (Integer.MAX_VALUE for generated data). */
    int holdoutCount();

    /** Turns values k / 255 into dequantised values (k + u) / 256 (in place); for {@link #eightBit()} data. */
    static void dequantise(float[][] images, Random rng) {
        for (float[] img : images) {
            for (int i = 0; i < img.length; i++) {
                int k = Math.round(img[i] * 255f);
                img[i] = (k + rng.nextFloat()) / 256f;
            }
        }
    }
}
