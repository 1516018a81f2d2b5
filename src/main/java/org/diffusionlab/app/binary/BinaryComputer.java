package org.diffusionlab.app.binary;

import java.util.Arrays;

import org.diffusionlab.data.Heartbeat;
import org.diffusionlab.engine.binomial.BinaryTrajectory;
import org.diffusionlab.engine.binomial.BinomialModel;
import org.diffusionlab.engine.binomial.BinomialSampler;
import org.diffusionlab.engine.binomial.BinomialSnapshot;
import org.diffusionlab.engine.binomial.Conditioning;

/**
 * Computes {@link BinaryFrames} from a binomial snapshot on a background thread (rebuilding the model allocates ND4J
 * arrays). Deterministic: the same snapshot, rows, seed and fixed bins give the same frames.
 */
public final class BinaryComputer {

    public static final int MIN_ROWS = 1;
    public static final int MAX_ROWS = 512;
    public static final int DEFAULT_ROWS = 64;

    /** What to compute: {@code fixed} has one entry per bin, -1 free, 0 or 1 fixed. */
    public record Request(BinomialSnapshot snapshot, int rows, long seed, int[] fixed) {
        public Request {
            if (rows < MIN_ROWS || rows > MAX_ROWS) {
                throw new IllegalArgumentException("rows must be " + MIN_ROWS + " to " + MAX_ROWS + ", got " + rows);
            }
            fixed = fixed.clone();
        }

        @Override
        public int[] fixed() {
            return fixed.clone();
        }
    }

    /** The fixed bins cannot be met: the model gives some fixed value probability 0 somewhere along the way. */
    public static final class UnsatisfiableException extends RuntimeException {
        UnsatisfiableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private BinaryComputer() {
    }

    public static BinaryFrames compute(Request request) {
        BinomialSnapshot s = request.snapshot();
        return compute(s.toModel(), request.rows(), request.seed(), request.fixed(), s.iteration());
    }

    public static BinaryFrames compute(BinomialModel model, int rows, long seed, int[] fixed, long iteration) {
        if (fixed.length != model.bins()) {
            throw new IllegalArgumentException("the model has " + model.bins() + " bins, " + fixed.length + " given");
        }
        byte[][] data = Heartbeat.sample(rows, seed);
        BinaryTrajectory forward = BinomialSampler.forward(model.process(), data, seed + 1);
        boolean any = Arrays.stream(fixed).anyMatch(v -> v != -1);
        Conditioning c = any ? Conditioning.fixed(fixed) : null;
        long started = System.nanoTime();
        BinaryTrajectory reverse;
        try {
            reverse = BinomialSampler.reverse(model, rows, seed + 2, c, true);
        } catch (IllegalArgumentException e) {
            if (!any) {
                throw e;
            }
            throw new UnsatisfiableException("the model rules out a value fixed here (" + e.getMessage() + ")", e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new BinaryFrames(forward, reverse, fixed, BinaryFrames.countCorrect(reverse, fixed), seed, iteration,
                seconds);
    }
}
