package org.diffusionlab.engine.image;

import java.util.Arrays;
import org.diffusionlab.engine.schedule.BetaSchedule;

/**
 * The weight w(t) that training puts on each step's KL term KL_t. "bound": w = 1, the gradient ascends K itself, as in
 * the paper. "noise": the weighting of Ho et al. (2020)'s simplified loss, under which the moderate-noise steps that
 * draw an image's outlines count as much as the nearly clean last steps that dominate K.
 *
 * <p>Why: write the reverse mean through the noise it removes, mu = (x_t - beta_t / sqrt(1 - abar_t) eps_hat) /
 * sqrt(alpha_t); then with the posterior's variance the mean part of KL_t is
 * beta_t / (2 alpha_t (1 - abar_{t-1})) |eps - eps_hat|^2. The bound therefore counts an error in the predicted noise
 * some 30 times more at t = 2 than in the middle of the chain (linear schedule, T = 200). "noise" multiplies KL_t by
 * alpha_t (1 - abar_{t-1}) / beta_t, normalised to mean 1 over t = 2..T, which makes that factor the same at every t.
 * The model is still the paper's kernel and K is still reported exactly; only the training objective differs.
 */
public final class StepWeighting {

    public static final String BOUND = "bound";
    public static final String NOISE = "noise";

    private final double[] weight;   // [t], t in 2..T

    private StepWeighting(double[] weight) {
        this.weight = weight;
    }

    /** The weighting a config names, for its schedule. */
    public static StepWeighting of(String kind, BetaSchedule schedule) {
        int steps = schedule.steps();
        double[] w = new double[steps + 1];
        if (BOUND.equals(kind)) {
            Arrays.fill(w, 2, steps + 1, 1.0);
            return new StepWeighting(w);
        }
        if (!NOISE.equals(kind)) {
            throw new IllegalArgumentException("the weighting must be " + BOUND + " or " + NOISE + ", got " + kind);
        }
        double sum = 0;
        for (int t = 2; t <= steps; t++) {
            w[t] = schedule.alpha(t) * (1 - schedule.abar(t - 1)) / schedule.beta(t);
            sum += w[t];
        }
        double mean = sum / (steps - 1);
        for (int t = 2; t <= steps; t++) {
            w[t] /= mean;
        }
        return new StepWeighting(w);
    }

    /** w(t) for t in 2..T. */
    public double weight(int t) {
        return weight[t];
    }

    /** Whether every step weighs 1 (the gradient is that of the bound). */
    public boolean isBound() {
        for (int t = 2; t < weight.length; t++) {
            if (weight[t] != 1.0) {
                return false;
            }
        }
        return true;
    }
}
