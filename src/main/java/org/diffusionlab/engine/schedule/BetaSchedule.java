package org.diffusionlab.engine.schedule;

import java.util.Arrays;

/**
 * An immutable diffusion-rate schedule beta_1 .. beta_T with the tables the forward process, the posterior and the
 * bound need. Indices are 1-based in the paper; here {@code beta(t)} takes t in 1..T and {@code abar(0) = 1}.
 */
public final class BetaSchedule {

    /** The released code's beta_1, fixed small to avoid over-fitting the last reverse step. */
    public static final double RELEASED_BETA_1 = 1e-3;
    /** The released code's floor on every beta. */
    public static final double RELEASED_MIN_BETA = 1e-6;

    private final String name;
    private final double[] beta;   // beta[t-1] = beta_t
    private final double[] abar;   // abar[t] = prod_{s<=t} (1 - beta_s), abar[0] = 1

    private BetaSchedule(String name, double[] betas) {
        if (betas.length < 2) {
            throw new IllegalArgumentException("A schedule needs at least 2 steps, got " + betas.length);
        }
        for (int i = 0; i < betas.length; i++) {
            double b = betas[i];
            if (!(b > 0 && b < 1)) {
                throw new IllegalArgumentException(
                        "beta_" + (i + 1) + " = " + b + " is outside (0, 1): every diffusion rate must be a probability-like step size");
            }
        }
        this.name = name;
        this.beta = betas.clone();
        this.abar = new double[betas.length + 1];
        abar[0] = 1.0;
        for (int t = 1; t <= betas.length; t++) {
            abar[t] = abar[t - 1] * (1 - betas[t - 1]);
        }
    }

    /** A schedule from explicit values beta_1..beta_T, each in (0, 1). */
    public static BetaSchedule of(String name, double... betas) {
        return new BetaSchedule(name, betas);
    }

    /** The released code's default: beta_1 given, beta_2..T = 1/linspace(T, 2, T)[1..] floored at 1e-6. */
    public static BetaSchedule releasedDefault(int steps, double beta1) {
        requireSteps(steps);
        double[] b = new double[steps];
        for (int i = 0; i < steps; i++) {
            double denom = steps + (2.0 - steps) * i / (steps - 1);   // linspace(T, 2, T)[i]
            b[i] = Math.max(1.0 / denom, RELEASED_MIN_BETA);
        }
        b[0] = beta1;
        return new BetaSchedule("released", b);
    }

    /** Linear from beta_1 to beta_T. */
    public static BetaSchedule linear(int steps, double beta1, double betaT) {
        requireSteps(steps);
        double[] b = new double[steps];
        for (int i = 0; i < steps; i++) {
            b[i] = beta1 + (betaT - beta1) * i / (steps - 1);
        }
        return new BetaSchedule("linear", b);
    }

    /**
     * Nichol & Dhariwal's cosine schedule: abar(t) = f(t)/f(0), f(t) = cos^2(((t/T) + s)/(1 + s) * pi/2),
     * betas clipped at 0.999; beta_1 replaced by the given value when {@code beta1 > 0}.
     */
    public static BetaSchedule cosine(int steps, double beta1) {
        requireSteps(steps);
        double s = 0.008;
        double[] b = new double[steps];
        double f0 = cosineF(0, steps, s);
        for (int t = 1; t <= steps; t++) {
            double prev = cosineF(t - 1, steps, s) / f0;
            double cur = cosineF(t, steps, s) / f0;
            b[t - 1] = Math.min(Math.max(1 - cur / prev, RELEASED_MIN_BETA), 0.999);
        }
        if (beta1 > 0) {
            b[0] = beta1;
        }
        return new BetaSchedule("cosine", b);
    }

    private static double cosineF(int t, int steps, double s) {
        double c = Math.cos(((double) t / steps + s) / (1 + s) * Math.PI / 2);
        return c * c;
    }

    /** The same beta at every step, except beta_1 when {@code beta1 > 0}. */
    public static BetaSchedule constant(int steps, double value, double beta1) {
        requireSteps(steps);
        double[] b = new double[steps];
        Arrays.fill(b, value);
        if (beta1 > 0) {
            b[0] = beta1;
        }
        return new BetaSchedule("constant", b);
    }

    /** The paper's binomial-diffusion schedule beta_t = 1/(T - t + 1) (beta_T = 1 is clipped just below 1). */
    public static BetaSchedule binomial(int steps) {
        requireSteps(steps);
        double[] b = new double[steps];
        for (int t = 1; t <= steps; t++) {
            b[t - 1] = Math.min(1.0 / (steps - t + 1), 1 - 1e-6);
        }
        return new BetaSchedule("binomial", b);
    }

    /**
     * A schedule through control points (t_i, beta_i), t strictly increasing in 1..T, interpolated smoothly in
     * log(beta) by a monotone cubic (Fritsch-Carlson), so the curve never overshoots between points; held constant
     * outside the first and last point.
     */
    public static BetaSchedule fromControlPoints(int steps, int[] ts, double[] betas) {
        requireSteps(steps);
        if (ts.length != betas.length || ts.length == 0) {
            throw new IllegalArgumentException("Need as many control times as values, and at least one");
        }
        double[] logB = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            if (ts[i] < 1 || ts[i] > steps || (i > 0 && ts[i] <= ts[i - 1])) {
                throw new IllegalArgumentException("Control times must increase strictly within 1.." + steps + ", got t = " + ts[i]);
            }
            if (!(betas[i] > 0 && betas[i] < 1)) {
                throw new IllegalArgumentException("Control point at t = " + ts[i] + " has beta = " + betas[i]
                        + ", outside (0, 1)");
            }
            logB[i] = Math.log(betas[i]);
        }
        double[] slope = monotoneSlopes(ts, logB);
        double[] b = new double[steps];
        for (int t = 1; t <= steps; t++) {
            b[t - 1] = Math.min(Math.exp(hermite(ts, logB, slope, t)), 1 - 1e-9);
        }
        return new BetaSchedule("custom", b);
    }

    /**
     * The monotone cubic (Fritsch-Carlson) through (ts[i], ys[i]), ts strictly increasing, evaluated at t = 1..T
     * (index t - 1) and held constant outside the first and last point: it never overshoots between two points, so a
     * bump given at one point stays between its neighbours.
     */
    public static double[] monotoneCurve(int steps, int[] ts, double[] ys) {
        requireSteps(steps);
        if (ts.length != ys.length || ts.length == 0) {
            throw new IllegalArgumentException("Need as many control times as values, and at least one");
        }
        for (int i = 1; i < ts.length; i++) {
            if (ts[i] <= ts[i - 1]) {
                throw new IllegalArgumentException("Control times must increase strictly, got " + ts[i - 1] + ", " + ts[i]);
            }
        }
        double[] slope = monotoneSlopes(ts, ys);
        double[] out = new double[steps];
        for (int t = 1; t <= steps; t++) {
            out[t - 1] = hermite(ts, ys, slope, t);
        }
        return out;
    }

    private static double[] monotoneSlopes(int[] x, double[] y) {
        int n = x.length;
        double[] m = new double[n];
        if (n == 1) {
            return m;
        }
        double[] delta = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            delta[i] = (y[i + 1] - y[i]) / (x[i + 1] - x[i]);
        }
        m[0] = delta[0];
        m[n - 1] = delta[n - 2];
        for (int i = 1; i < n - 1; i++) {
            m[i] = delta[i - 1] * delta[i] <= 0 ? 0 : (delta[i - 1] + delta[i]) / 2;
        }
        for (int i = 0; i < n - 1; i++) {
            if (delta[i] == 0) {
                m[i] = 0;
                m[i + 1] = 0;
                continue;
            }
            double a = m[i] / delta[i];
            double c = m[i + 1] / delta[i];
            double r = a * a + c * c;
            if (r > 9) {
                double tau = 3 / Math.sqrt(r);
                m[i] = tau * a * delta[i];
                m[i + 1] = tau * c * delta[i];
            }
        }
        return m;
    }

    private static double hermite(int[] x, double[] y, double[] m, double t) {
        int n = x.length;
        if (t <= x[0]) {
            return y[0];
        }
        if (t >= x[n - 1]) {
            return y[n - 1];
        }
        int i = 0;
        while (t > x[i + 1]) {
            i++;
        }
        double h = x[i + 1] - x[i];
        double s = (t - x[i]) / h;
        double s2 = s * s;
        double s3 = s2 * s;
        return (2 * s3 - 3 * s2 + 1) * y[i] + (s3 - 2 * s2 + s) * h * m[i]
                + (-2 * s3 + 3 * s2) * y[i + 1] + (s3 - s2) * h * m[i + 1];
    }

    private static void requireSteps(int steps) {
        if (steps < 2 || steps > 100_000) {
            throw new IllegalArgumentException("T must be between 2 and 100000, got " + steps);
        }
    }

    /** This schedule with a new name (e.g. "learned"). */
    public BetaSchedule named(String newName) {
        return new BetaSchedule(newName, beta);
    }

    /** This schedule with beta_1 replaced (the trainer keeps beta_1 fixed at its config's value). */
    public BetaSchedule withBeta1(double beta1) {
        double[] b = beta.clone();
        b[0] = beta1;
        return new BetaSchedule(name, b);
    }

    public String name() { return name; }

    /** Number of diffusion steps T. */
    public int steps() { return beta.length; }

    /** beta_t for t in 1..T. */
    public double beta(int t) { return beta[t - 1]; }

    /** alpha_t = 1 - beta_t for t in 1..T. */
    public double alpha(int t) { return 1 - beta[t - 1]; }

    /** abar_t = prod_{s<=t} alpha_s for t in 0..T (abar_0 = 1). */
    public double abar(int t) { return abar[t]; }

    /** All betas, beta_1 first (a copy). */
    public double[] betas() { return beta.clone(); }

    /** Coefficient of x_0 in the posterior mean: sqrt(abar_{t-1}) beta_t / (1 - abar_t). */
    public double posteriorCoefX0(int t) {
        return Math.sqrt(abar[t - 1]) * beta[t - 1] / (1 - abar[t]);
    }

    /** Coefficient of x_t in the posterior mean: sqrt(alpha_t) (1 - abar_{t-1}) / (1 - abar_t). */
    public double posteriorCoefXt(int t) {
        return Math.sqrt(1 - beta[t - 1]) * (1 - abar[t - 1]) / (1 - abar[t]);
    }

    /** Posterior variance beta~_t = beta_t (1 - abar_{t-1}) / (1 - abar_t). */
    public double posteriorVariance(int t) {
        return beta[t - 1] * (1 - abar[t - 1]) / (1 - abar[t]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BetaSchedule other && Arrays.equals(beta, other.beta);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(beta); }

    @Override
    public String toString() {
        return name + "(T=" + beta.length + ", beta_1=" + beta[0] + ", beta_T=" + beta[beta.length - 1] + ")";
    }
}
