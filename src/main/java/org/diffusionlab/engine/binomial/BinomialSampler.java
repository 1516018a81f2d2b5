package org.diffusionlab.engine.binomial;

import java.util.Random;

/** Runs binomial diffusion forward (data to noise) and the learned reverse process (noise to data). */
public final class BinomialSampler {

    private BinomialSampler() {
    }

    /**
     * Draws {@code n} sequences from the model through all T reverse steps, the last (fixed) one included, optionally
     * multiplied by a conditioning r. Keeps every frame when {@code allFrames}, else only t = T and t = 0.
     */
    public static BinaryTrajectory reverse(BinomialModel model, int n, long seed, Conditioning conditioning,
                                           boolean allFrames) {
        int bins = model.bins();
        int steps = model.steps();
        if (n < 1) {
            throw new IllegalArgumentException("need at least one sequence, got " + n);
        }
        if (conditioning != null && conditioning.bins() != bins) {
            throw new IllegalArgumentException("the conditioning has " + conditioning.bins() + " bins, the model " + bins);
        }
        Random rng = new Random(seed);
        byte[][] frames = new byte[steps + 1][];
        double[] start = new double[n * bins];
        java.util.Arrays.fill(start, 0.5);
        if (conditioning != null) {
            conditioning.apply(start);
        }
        byte[] x = draw(start, rng);
        frames[steps] = x;
        for (int t = steps; t >= 1; t--) {
            double[] p = model.kernel(x, n, t);
            if (conditioning != null) {
                conditioning.apply(p);
            }
            x = draw(p, rng);
            if (allFrames || t == 1) {
                frames[t - 1] = x;
            }
        }
        return new BinaryTrajectory(n, bins, frames);
    }

    /** Runs the forward process q(x_t | x_{t-1}) step by step from the given sequences; keeps every frame. */
    public static BinaryTrajectory forward(BinomialProcess process, byte[][] x0, long seed) {
        int n = x0.length;
        int bins = x0[0].length;
        Random rng = new Random(seed);
        byte[][] frames = new byte[process.steps() + 1][];
        byte[] x = new byte[n * bins];
        for (int r = 0; r < n; r++) {
            System.arraycopy(x0[r], 0, x, r * bins, bins);
        }
        frames[0] = x;
        for (int t = 1; t <= process.steps(); t++) {
            byte[] next = new byte[x.length];
            for (int i = 0; i < x.length; i++) {
                next[i] = rng.nextDouble() < process.forwardProbability(t, x[i]) ? (byte) 1 : (byte) 0;
            }
            frames[t] = next;
            x = next;
        }
        return new BinaryTrajectory(n, bins, frames);
    }

    private static byte[] draw(double[] p, Random rng) {
        byte[] x = new byte[p.length];
        for (int i = 0; i < p.length; i++) {
            x[i] = rng.nextDouble() < p[i] ? (byte) 1 : (byte) 0;
        }
        return x;
    }
}
