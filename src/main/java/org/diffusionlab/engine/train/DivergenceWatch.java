package org.diffusionlab.engine.train;

import java.util.Locale;

/**
 * Tells a diverging run from an honest one by its holdout K, and remembers which measurement was the best.
 *
 * <p>A run is diverging when its holdout K is not finite, or falls more than {@link #fallBits()} below the best it
 * has reached. The threshold is a fixed fall in the units the run reports, not a fraction: K can be negative, and
 * what matters is how much of the model was lost. For points and sequences it is {@value #DEFAULT_FALL_BITS} bits:
 * more than all that training gains on the swiss roll (an untrained model is near -4.1 bits, a trained one near
 * +2.3), so the noise of an honest run never comes near it, while the runs that blow up (the swiss roll at
 * learning rate 1 ends at -40 to -1,160 bits, the heartbeat at -48) cross it soon after they start to fall. Image
 * models report bits per pixel and use {@value #IMAGE_FALL_BITS_PER_PIXEL} bit per pixel (hundreds of bits per
 * image; the paper's whole K - L_null on bark is 1.5 bits per pixel).
 *
 * <p>Not thread-safe: the training thread owns it.
 */
public final class DivergenceWatch {

    /** The fall below the best holdout K (bits per point or per sequence) that means a run is diverging. */
    public static final double DEFAULT_FALL_BITS = 10;
    /** The same for image models, whose K is in bits per pixel. */
    public static final double IMAGE_FALL_BITS_PER_PIXEL = 1;

    /** What one holdout measurement means for the run. */
    public enum Verdict {
        /** The best K so far: keep these parameters. */
        BEST,
        /** Below the best, but not by enough to worry. */
        FINE,
        /** Not finite, or far below the best: stop and go back to the best parameters. */
        DIVERGED
    }

    private final double fallBits;
    private final String unit;
    private double bestK = Double.NaN;
    private long bestIteration;
    private String reason = "";

    /**
     * @param fallBits how far below the best the holdout K may fall, {@code > 0}
     * @param unit     the unit of K in messages, e.g. "bits" or "bits per pixel"
     */
    public DivergenceWatch(double fallBits, String unit) {
        if (!(fallBits > 0) || Double.isInfinite(fallBits)) {
            throw new IllegalArgumentException("The divergence threshold must be a positive number of bits, got " + fallBits);
        }
        this.fallBits = fallBits;
        this.unit = unit;
    }

    /** A watch over points or sequences ({@value #DEFAULT_FALL_BITS} bits). */
    public static DivergenceWatch ofBits() {
        return new DivergenceWatch(DEFAULT_FALL_BITS, "bits");
    }

    /**
     * Where the run starts: its parameters are the fallback until a holdout K beats them. Their K is unknown until
     * measured, so any finite measurement becomes the best.
     */
    public void start(long iteration) {
        bestK = Double.NaN;
        bestIteration = iteration;
        reason = "";
    }

    /** Judges the holdout K measured at {@code iteration}. */
    public Verdict observe(long iteration, double holdoutKBits) {
        if (!Double.isFinite(holdoutKBits)) {
            reason = String.format(Locale.ROOT, "the holdout K became %s at iteration %,d",
                    Double.isNaN(holdoutKBits) ? "NaN" : "infinite", iteration);
            return Verdict.DIVERGED;
        }
        if (Double.isNaN(bestK) || holdoutKBits > bestK) {
            bestK = holdoutKBits;
            bestIteration = iteration;
            return Verdict.BEST;
        }
        if (holdoutKBits < bestK - fallBits) {
            reason = String.format(Locale.ROOT, "the holdout K fell to %.4g %s at iteration %,d, more than %s %s below "
                    + "the best, %.4f at iteration %,d", holdoutKBits, unit, iteration, plain(fallBits), unit, bestK,
                    bestIteration);
            return Verdict.DIVERGED;
        }
        return Verdict.FINE;
    }

    /** Why the last {@link Verdict#DIVERGED} was given (empty before one). */
    public String reason() {
        return reason;
    }

    /** The sentence that says which parameters the run keeps, e.g. for the end of a divergence message. */
    public String keptClause() {
        return Double.isNaN(bestK)
                ? String.format(Locale.ROOT, "the parameters the run started from (iteration %,d) are kept", bestIteration)
                : String.format(Locale.ROOT, "the best parameters seen are kept (iteration %,d, holdout K %.4f %s)",
                        bestIteration, bestK, unit);
    }

    public double bestKBits() {
        return bestK;
    }

    public long bestIteration() {
        return bestIteration;
    }

    public double fallBits() {
        return fallBits;
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
