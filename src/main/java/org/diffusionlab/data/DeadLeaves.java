package org.diffusionlab.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Dead-leaves images as in the paper's data: occluding disks dropped one on another, radii drawn from a power law
 * p(r) ~ r^-alpha on [rMin, rMax] (alpha = 3 makes the images scale invariant, like natural images), centres uniform
 * over the image and a margin of rMax around it, grey levels uniform in [0, 1], hard edges (a pixel takes the grey
 * level of the last disk covering its centre). The background, before any disk falls, is a uniform grey too.
 * Generated on the fly, seeded: no files needed.
 */
public final class DeadLeaves implements ImageDataset {

    /** One disk: centre (x, y) in pixels (pixel i's centre is at i + 0.5), radius and grey level. */
    public record Disk(double x, double y, double radius, float grey) {
    }

    /** One image with the disks it was painted from, in painting order (later ones on top). */
    public record Leaves(float[] pixels, float background, List<Disk> disks) {
    }

    /** The stream seed of held-out images; training draws from the caller's generator. */
    private static final long HOLDOUT_SEED = 0x5EEDL << 32 | 0xDEAD1EAFL;

    private final int size;
    private final int diskCount;
    private final double rMin;
    private final double rMax;
    private final double alpha;

    /** The data set the shipped model is trained on: 28 x 28, 200 disks, radii 2..16 px, alpha = 3. */
    public static DeadLeaves standard(int size) {
        return new DeadLeaves(size, 200, 2.0, size * 16.0 / 28.0, 3.0);
    }

    public DeadLeaves(int size, int diskCount, double rMin, double rMax, double alpha) {
        if (size < 4 || size > 1024) {
            throw new IllegalArgumentException("Image size must be 4 to 1024 pixels, got " + size);
        }
        if (diskCount < 1 || diskCount > 100_000) {
            throw new IllegalArgumentException("Disk count must be 1 to 100000, got " + diskCount);
        }
        if (!(rMin > 0 && rMax > rMin)) {
            throw new IllegalArgumentException("Radii need 0 < rMin < rMax, got " + rMin + ", " + rMax);
        }
        if (!(alpha > 1) || alpha == 1) {
            throw new IllegalArgumentException("The power-law exponent alpha must exceed 1, got " + alpha);
        }
        this.size = size;
        this.diskCount = diskCount;
        this.rMin = rMin;
        this.rMax = rMax;
        this.alpha = alpha;
    }

    @Override
    public String name() {
        return "deadleaves";
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean eightBit() {
        return false;
    }

    public int diskCount() {
        return diskCount;
    }

    public double rMin() {
        return rMin;
    }

    public double rMax() {
        return rMax;
    }

    public double alpha() {
        return alpha;
    }

    /** A radius from the truncated power law, by inverting its distribution function. */
    double radius(double u) {
        double a = Math.pow(rMin, 1 - alpha);
        double b = Math.pow(rMax, 1 - alpha);
        return Math.pow(a - u * (a - b), 1 / (1 - alpha));
    }

    /** The power law's distribution function P(R <= r). */
    public double radiusCdf(double r) {
        if (r <= rMin) {
            return 0;
        }
        if (r >= rMax) {
            return 1;
        }
        double a = Math.pow(rMin, 1 - alpha);
        return (a - Math.pow(r, 1 - alpha)) / (a - Math.pow(rMax, 1 - alpha));
    }

    /** One image and its disks. */
    public Leaves generate(Random rng) {
        float background = rng.nextFloat();
        float[] px = new float[size * size];
        java.util.Arrays.fill(px, background);
        List<Disk> disks = new ArrayList<>(diskCount);
        for (int k = 0; k < diskCount; k++) {
            double r = radius(rng.nextDouble());
            double cx = -rMax + rng.nextDouble() * (size + 2 * rMax);
            double cy = -rMax + rng.nextDouble() * (size + 2 * rMax);
            float grey = rng.nextFloat();
            disks.add(new Disk(cx, cy, r, grey));
            int y0 = Math.max(0, (int) Math.floor(cy - r)), y1 = Math.min(size - 1, (int) Math.ceil(cy + r));
            int x0 = Math.max(0, (int) Math.floor(cx - r)), x1 = Math.min(size - 1, (int) Math.ceil(cx + r));
            double r2 = r * r;
            for (int y = y0; y <= y1; y++) {
                double dy = y + 0.5 - cy;
                for (int x = x0; x <= x1; x++) {
                    double dx = x + 0.5 - cx;
                    if (dx * dx + dy * dy <= r2) {
                        px[y * size + x] = grey;
                    }
                }
            }
        }
        return new Leaves(px, background, disks);
    }

    @Override
    public float[][] training(int n, Random rng) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = generate(rng).pixels();
        }
        return out;
    }

    @Override
    public float[][] holdout(int n) {
        return training(n, new Random(HOLDOUT_SEED));
    }

    @Override
    public int holdoutCount() {
        return Integer.MAX_VALUE;
    }
}
