package org.diffusionlab.engine.binomial;

import java.util.Arrays;

/**
 * A binary r(x_0) = prod_i B(x_i; d_i) to multiply the model's distribution by (FACTS.md, "multiplying
 * distributions"): d_i = 1 or 0 fixes bin i to that value, a d_i in between leans it, and a free bin has no factor.
 * Each reverse step becomes p~(x_{t-1} | x_t) proportional to p(x_{t-1} | x_t) r(x_{t-1}), which for Bernoulli bins is
 * the perturbed kernel c d / (c d + (1 - c)(1 - d)); the start x_T ~ B(1/2) r(x_T) becomes B(d_i) on those bins.
 */
public final class Conditioning {

    private final double[] d;    // NaN = free

    private Conditioning(double[] d) {
        this.d = d;
    }

    /** No bin constrained. */
    public static Conditioning none(int bins) {
        double[] d = new double[bins];
        Arrays.fill(d, Double.NaN);
        return new Conditioning(d);
    }

    /**
     * Fixes bins to values: {@code values[i]} is 0 or 1 to fix bin i, or -1 to leave it free.
     */
    public static Conditioning fixed(int[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != -1 && values[i] != 0 && values[i] != 1) {
                throw new IllegalArgumentException("bin " + i + ": a fixed value must be 0 or 1 (or -1 for free), got " + values[i]);
            }
            d[i] = values[i] == -1 ? Double.NaN : values[i];
        }
        return new Conditioning(d);
    }

    /** Soft factors: {@code d[i]} in [0, 1] is the weight r gives a 1 in bin i, NaN leaves the bin free. */
    public static Conditioning soft(double[] d) {
        for (int i = 0; i < d.length; i++) {
            if (!Double.isNaN(d[i]) && !(d[i] >= 0 && d[i] <= 1)) {
                throw new IllegalArgumentException("bin " + i + ": d must be in [0, 1] or NaN (free), got " + d[i]);
            }
        }
        return new Conditioning(d.clone());
    }

    public int bins() {
        return d.length;
    }

    public boolean isFree(int bin) {
        return Double.isNaN(d[bin]);
    }

    /** d_i, NaN for a free bin. */
    public double factor(int bin) {
        return d[bin];
    }

    /** Whether any bin is constrained. */
    public boolean isActive() {
        for (double v : d) {
            if (!Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    /** Multiplies every constrained bin's probability of a 1 (row-major rows of {@code bins()}) by r, in place. */
    public void apply(double[] p) {
        for (int i = 0; i < p.length; i++) {
            double di = d[i % d.length];
            if (!Double.isNaN(di)) {
                p[i] = Bernoulli.multiply(p[i], di);
            }
        }
    }

    /** Whether a sequence agrees with every hard-fixed bin (soft factors never rule a value out). */
    public boolean admits(byte[] x) {
        for (int i = 0; i < d.length; i++) {
            if ((d[i] == 0 && x[i] != 0) || (d[i] == 1 && x[i] != 1)) {
                return false;
            }
        }
        return true;
    }
}
