package org.diffusionlab.engine.binomial;

/**
 * The best reverse kernel of the family p(x_{t-1} | x_t) = prod_i B(x_{t-1,i}; p_i(x_t, t)) for data of a few equally
 * likely sequences. The bound's KL term for a factorised p splits into one cross-entropy per bin, each minimised by
 * the posterior marginal p_i = E[q(x_{t-1,i} = 1 | x_t, x_0) | x_t] = q(1 | x_t, x_0,i = 0) + (q(1 | x_t, 1) -
 * q(1 | x_t, 0)) P(x_0,i = 1 | x_t), and P(x_0 | x_t) follows from Bayes' rule over the sequences. Its bound is the
 * ceiling of every network that outputs one Bernoulli per bin, whatever its size or training.
 */
public final class FactorisedCeiling {

    private final BinomialProcess process;
    private final byte[][] sequences;

    public FactorisedCeiling(BinomialProcess process, byte[][] sequences) {
        this.process = process;
        this.sequences = sequences;
    }

    /** P(x_0,i = 1 | x_t) for every bin i into {@code out}. */
    public void posteriorMean(int t, byte[] xt, double[] out) {
        int k = sequences.length;
        double[] logW = new double[k];
        double match = Math.log(process.marginal(t, 1));      // q(x_t,i = x_0,i | x_0,i)
        double miss = Math.log(process.marginal(t, 0));       // q(x_t,i != x_0,i | x_0,i)
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < k; s++) {
            double l = 0;
            for (int i = 0; i < xt.length; i++) {
                l += xt[i] == sequences[s][i] ? match : miss;
            }
            logW[s] = l;
            max = Math.max(max, l);
        }
        double total = 0;
        for (int s = 0; s < k; s++) {
            logW[s] = Math.exp(logW[s] - max);
            total += logW[s];
        }
        java.util.Arrays.fill(out, 0);
        for (int s = 0; s < k; s++) {
            double w = logW[s] / total;
            for (int i = 0; i < xt.length; i++) {
                out[i] += w * sequences[s][i];
            }
        }
    }
}
