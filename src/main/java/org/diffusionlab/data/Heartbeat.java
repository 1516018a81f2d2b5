package org.diffusionlab.data;

import java.util.Random;

/**
 * The paper's binary heartbeat: sequences of 20 bins with a 1 in every 5th bin, the phase uniform over the first 5
 * bins, so there are exactly 5 equally likely sequences. Sequences are byte arrays of 0 and 1.
 */
public final class Heartbeat {

    /** Bins per sequence. */
    public static final int LENGTH = 20;
    /** A 1 every PERIOD bins. */
    public static final int PERIOD = 5;
    /** The data set's name on the command line. */
    public static final String NAME = "heartbeat";

    private Heartbeat() {
    }

    /** The sequence with its first 1 in bin {@code phase} (0..4). */
    public static byte[] sequence(int phase) {
        if (phase < 0 || phase >= PERIOD) {
            throw new IllegalArgumentException("phase must be 0.." + (PERIOD - 1) + ", got " + phase);
        }
        byte[] x = new byte[LENGTH];
        for (int i = phase; i < LENGTH; i += PERIOD) {
            x[i] = 1;
        }
        return x;
    }

    /** All 5 sequences, phase 0 first. */
    public static byte[][] sequences() {
        byte[][] all = new byte[PERIOD][];
        for (int k = 0; k < PERIOD; k++) {
            all[k] = sequence(k);
        }
        return all;
    }

    /** n sequences with independent uniform phases, deterministic for a seed. */
    public static byte[][] sample(int n, long seed) {
        Random rng = new Random(seed);
        byte[][] x = new byte[n][];
        for (int i = 0; i < n; i++) {
            x[i] = sequence(rng.nextInt(PERIOD));
        }
        return x;
    }

    /** The phase of a true heartbeat, or -1 if the sequence is not one of the 5. */
    public static int phaseOf(byte[] x) {
        if (x.length != LENGTH) {
            return -1;
        }
        for (int k = 0; k < PERIOD; k++) {
            if (java.util.Arrays.equals(x, sequence(k))) {
                return k;
            }
        }
        return -1;
    }

    public static boolean isHeartbeat(byte[] x) {
        return phaseOf(x) >= 0;
    }

    /** The true log-likelihood of every sequence, log2(1/5) = -2.322 bits. */
    public static double trueLogLikelihoodBits() {
        return -Math.log(PERIOD) / Math.log(2);
    }

    /**
     * L_null: the log-likelihood under independent bins at the data's rate 1/5, -20 H2(0.2) = -14.439 bits per
     * sequence (every sequence has exactly four 1s, so this is exact, not an average).
     */
    public static double nullLogLikelihoodBits() {
        double p = 1.0 / PERIOD;
        double h2 = -(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math.log(2);
        return -LENGTH * h2;
    }

    /** The paper's bound for this data set (Table 1), bits per sequence. */
    public static final double PAPER_K_BITS = -2.414;
}
