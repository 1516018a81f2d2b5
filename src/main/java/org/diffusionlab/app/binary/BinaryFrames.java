package org.diffusionlab.app.binary;

import java.util.Arrays;

import org.diffusionlab.data.Heartbeat;
import org.diffusionlab.engine.binomial.BinaryTrajectory;
import org.diffusionlab.engine.binomial.Conditioning;

/**
 * What the binary Trajectory pane shows, immutable: the forward trajectory of data sequences, the reverse trajectory
 * of model samples (all frames t = 0..T kept), the fixed bins the reverse rows were sampled with, and how many
 * reverse rows are "correct" at every t (a true heartbeat that agrees with the fixed bins), counted once off the UI
 * thread so scrubbing and playing only look the count up.
 *
 * @param forward        data sequences diffused by q
 * @param reverse        samples of p, from noise (t = T) to the samples (t = 0)
 * @param fixed          per bin: -1 free, 0 or 1 fixed (the conditioning of {@code reverse})
 * @param correct        per t: reverse rows that are true heartbeats agreeing with {@code fixed}
 * @param seed           the seed of the data and of all the noise
 * @param iteration      the model's training iteration
 * @param reverseSeconds how long the reverse trajectory took to draw
 */
public record BinaryFrames(BinaryTrajectory forward, BinaryTrajectory reverse, int[] fixed, int[] correct, long seed,
                           long iteration, double reverseSeconds) {

    public BinaryFrames {
        fixed = fixed.clone();
        correct = correct.clone();
    }

    @Override
    public int[] fixed() {
        return fixed.clone();
    }

    /** Whether bin {@code bin} was fixed (to 0 or 1) for the reverse rows. */
    public boolean isFixed(int bin) {
        return fixed[bin] != -1;
    }

    public boolean anyFixed() {
        return Arrays.stream(fixed).anyMatch(v -> v != -1);
    }

    /** The conditioning the reverse rows were sampled with, or null if no bin is fixed. */
    public Conditioning conditioning() {
        return anyFixed() ? Conditioning.fixed(fixed) : null;
    }

    public int rows() {
        return reverse.rows();
    }

    public int bins() {
        return reverse.bins();
    }

    public int steps() {
        return reverse.steps();
    }

    /** Reverse rows at step t that are true heartbeats agreeing with the fixed bins. */
    public int correctAt(int t) {
        return correct[t];
    }

    /** {@link #correctAt} as a fraction of the rows. */
    public double fractionCorrectAt(int t) {
        return (double) correct[t] / rows();
    }

    /** Whether one reverse row at step t is a true heartbeat agreeing with the fixed bins. */
    public boolean isCorrect(int t, int row) {
        return isCorrect(reverse.sequence(t, row), fixed);
    }

    static boolean isCorrect(byte[] x, int[] fixed) {
        if (!Heartbeat.isHeartbeat(x)) {
            return false;
        }
        for (int b = 0; b < fixed.length; b++) {
            if (fixed[b] != -1 && x[b] != fixed[b]) {
                return false;
            }
        }
        return true;
    }

    /** Counts the correct rows of a trajectory at every step (all frames must be kept). */
    static int[] countCorrect(BinaryTrajectory tr, int[] fixed) {
        int[] out = new int[tr.steps() + 1];
        for (int t = 0; t <= tr.steps(); t++) {
            int n = 0;
            for (int r = 0; r < tr.rows(); r++) {
                if (isCorrect(tr.sequence(t, r), fixed)) {
                    n++;
                }
            }
            out[t] = n;
        }
        return out;
    }
}
