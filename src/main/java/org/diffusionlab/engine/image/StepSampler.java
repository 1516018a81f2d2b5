package org.diffusionlab.engine.image;

import java.util.Arrays;
import java.util.Random;

/**
 * Draws the step t of each training image for the bound's one-sample estimator sum_{t=2..T} KL_t ~ KL_t / p(t), and
 * gives each draw its weight 1 / ((T - 1) p(t)) relative to uniform sampling.
 *
 * <p>"uniform": p(t) = 1/(T - 1), every weight 1. "importance" (Nichol and Dhariwal 2021, section 3.3): once every t
 * has {@value #HISTORY} recorded terms, p(t) is proportional to the root mean square of its recent terms, mixed with a
 * {@value #UNIFORM_SHARE} share of uniform so no t is starved; until then uniform. The estimate stays unbiased whatever
 * p is; its variance falls because the small-t terms, which carry most of the bound's size and noise, are drawn more
 * often with smaller weights.
 */
public final class StepSampler {

    public static final String UNIFORM = "uniform";
    public static final String IMPORTANCE = "importance";

    /** Recent terms kept per t. */
    static final int HISTORY = 10;

    /** Share of uniform probability mixed into the importance distribution. */
    static final double UNIFORM_SHARE = 0.02;

    private final int steps;
    private final boolean importance;
    private final double[][] squares;   // [t][slot] recent squared terms, per t in 2..T
    private final int[] counts;
    private final double[] cumulative;  // of p over t = 2..T
    private final double[] probability;
    private boolean warm;
    private boolean stale = true;

    public StepSampler(int steps, String kind) {
        if (!UNIFORM.equals(kind) && !IMPORTANCE.equals(kind)) {
            throw new IllegalArgumentException("t sampling must be " + UNIFORM + " or " + IMPORTANCE + ", got " + kind);
        }
        this.steps = steps;
        this.importance = IMPORTANCE.equals(kind);
        this.squares = new double[steps + 1][HISTORY];
        this.counts = new int[steps + 1];
        this.cumulative = new double[steps + 1];
        this.probability = new double[steps + 1];
        Arrays.fill(probability, 2, steps + 1, 1.0 / (steps - 1));
    }

    /** Whether p(t) has left the uniform start (importance sampling with a full history). */
    public boolean warm() {
        return warm;
    }

    /** p(t) for t in 2..T. */
    public double probability(int t) {
        refresh();
        return probability[t];
    }

    /** A step in 2..T drawn from p. */
    public int sample(Random rng) {
        if (!warm) {
            return 2 + rng.nextInt(steps - 1);
        }
        refresh();
        double u = rng.nextDouble() * cumulative[steps];
        int i = Arrays.binarySearch(cumulative, 2, steps + 1, u);
        int t = i >= 0 ? i + 1 : -i - 1;
        return Math.min(Math.max(t, 2), steps);
    }

    /** The weight 1 / ((T - 1) p(t)) of a draw of t (1 under uniform sampling). */
    public double weight(int t) {
        return warm ? 1.0 / ((steps - 1) * probability(t)) : 1.0;
    }

    /** Records the term observed at t (any unit; only ratios between steps matter). */
    public void record(int t, double term) {
        if (!importance || !Double.isFinite(term)) {
            return;
        }
        squares[t][counts[t] % HISTORY] = term * term;
        counts[t]++;
        stale = true;
        if (!warm) {
            boolean full = true;
            for (int s = 2; s <= steps && full; s++) {
                full = counts[s] >= HISTORY;
            }
            warm = full;
        }
    }

    private void refresh() {
        if (!warm || !stale) {
            return;
        }
        double total = 0;
        double[] rms = new double[steps + 1];
        for (int t = 2; t <= steps; t++) {
            double s = 0;
            for (double v : squares[t]) {
                s += v;
            }
            rms[t] = Math.sqrt(s / HISTORY);
            total += rms[t];
        }
        double acc = 0;
        for (int t = 2; t <= steps; t++) {
            double p = total > 0 ? (1 - UNIFORM_SHARE) * rms[t] / total + UNIFORM_SHARE / (steps - 1) : 1.0 / (steps - 1);
            probability[t] = p;
            acc += p;
            cumulative[t] = acc;
        }
        stale = false;
    }
}
