package org.diffusionlab.engine.binomial;

import java.util.Arrays;
import org.diffusionlab.data.Heartbeat;

/**
 * Binary sequences along a diffusion trajectory, immutable: rows are sequences, columns are bins, one frame per kept
 * step t (0 = data or sample, T = noise). Plain Java arrays, safe to hand to any thread (e.g. a raster view).
 */
public final class BinaryTrajectory {

    private final int rows;
    private final int bins;
    private final byte[][] frames;      // index t; null where the frame was not kept

    BinaryTrajectory(int rows, int bins, byte[][] frames) {
        this.rows = rows;
        this.bins = bins;
        this.frames = frames;
    }

    public int rows() {
        return rows;
    }

    public int bins() {
        return bins;
    }

    /** T: the last step. */
    public int steps() {
        return frames.length - 1;
    }

    public boolean hasFrame(int t) {
        return t >= 0 && t < frames.length && frames[t] != null;
    }

    /** Bin {@code bin} of sequence {@code row} at step t, 0 or 1. */
    public int value(int t, int row, int bin) {
        return frame(t)[row * bins + bin];
    }

    /** One sequence at step t (a copy). */
    public byte[] sequence(int t, int row) {
        return Arrays.copyOfRange(frame(t), row * bins, (row + 1) * bins);
    }

    /** All sequences at step t as [rows][bins] (a copy). */
    public byte[][] frameRows(int t) {
        byte[][] out = new byte[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = sequence(t, r);
        }
        return out;
    }

    /** The fraction of sequences at step t that are one of the true heartbeats. */
    public double fractionHeartbeats(int t) {
        return fractionAdmitted(t, null);
    }

    /**
     * The fraction of sequences at step t that are true heartbeats agreeing with the conditioning's fixed bins
     * (all true heartbeats if it is null).
     */
    public double fractionAdmitted(int t, Conditioning conditioning) {
        int ok = 0;
        for (int r = 0; r < rows; r++) {
            byte[] x = sequence(t, r);
            if (Heartbeat.isHeartbeat(x) && (conditioning == null || conditioning.admits(x))) {
                ok++;
            }
        }
        return rows == 0 ? Double.NaN : (double) ok / rows;
    }

    private byte[] frame(int t) {
        if (!hasFrame(t)) {
            throw new IllegalArgumentException("step " + t + " is not kept in this trajectory");
        }
        return frames[t];
    }
}
