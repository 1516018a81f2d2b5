package org.diffusionlab.engine.train;

/**
 * When a run stops by itself: after a number of iterations, a number of seconds, or whichever comes first.
 * Zero means "no limit" for that measure.
 */
public record Budget(long iterations, double seconds) {

    public Budget {
        if (iterations < 0 || seconds < 0 || Double.isNaN(seconds)) {
            throw new IllegalArgumentException("A budget must not be negative: " + iterations + " iterations, " + seconds + " s");
        }
    }

    public static Budget unlimited() {
        return new Budget(0, 0);
    }

    public static Budget iterations(long n) {
        return new Budget(n, 0);
    }

    public static Budget seconds(double s) {
        return new Budget(0, s);
    }

    public boolean isLimited() {
        return iterations > 0 || seconds > 0;
    }

    /** True once either limit is reached. */
    public boolean exhausted(long iterationsDone, double secondsDone) {
        return (iterations > 0 && iterationsDone >= iterations) || (seconds > 0 && secondsDone >= seconds);
    }

    /** Fraction done in [0, 1] (the larger of the two), or NaN for an unlimited budget. */
    public double fractionDone(long iterationsDone, double secondsDone) {
        if (!isLimited()) {
            return Double.NaN;
        }
        double f = 0;
        if (iterations > 0) {
            f = Math.max(f, (double) iterationsDone / iterations);
        }
        if (seconds > 0) {
            f = Math.max(f, secondsDone / seconds);
        }
        return Math.min(1, f);
    }
}
