package org.diffusionlab.engine.gaussian;

import java.util.Random;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.diffusionlab.engine.Workspaces;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model's log-likelihood by importance sampling over forward paths (annealed importance sampling / Jarzynski):
 * log w = log pi(x_T) + sum_{t=1..T} [log p(x_{t-1}|x_t) - log q(x_t|x_{t-1})], x_{1..T} ~ q(.|x_0);
 * log p^(x_0) = logsumexp_n(log w_n) - log N. By Jensen this estimate lies at or above K on average.
 */
public final class ImportanceSampler {

    /** Rows pushed through the network at once, to bound memory. */
    private static final int MAX_ROWS = 32_768;

    private ImportanceSampler() {
    }

    /**
     * The estimate for each point, nats.
     *
     * @param paths forward paths per point (N)
     */
    public static double[] logLikelihoods(ReverseKernel kernel, double[][] points, int paths, long seed) {
        if (paths < 1) {
            throw new IllegalArgumentException("Need at least one path per point, got " + paths);
        }
        Random rng = new Random(seed);
        int n = points.length;
        double[] out = new double[n];
        int pointsPerChunk = Math.max(1, MAX_ROWS / paths);
        for (int from = 0; from < n; from += pointsPerChunk) {
            int to = Math.min(n, from + pointsPerChunk);
            double[] logW = logWeights(kernel, points, from, to, paths, rng);
            for (int i = from; i < to; i++) {
                double[] w = new double[paths];
                System.arraycopy(logW, (i - from) * paths, w, 0, paths);
                out[i] = GaussianMath.logMeanExp(w);
            }
        }
        return out;
    }

    /** log w for each (point, path), rows point-major. */
    private static double[] logWeights(ReverseKernel kernel, double[][] points, int from, int to, int paths, Random rng) {
        BetaSchedule s = kernel.schedule();
        int d = kernel.dims();
        int rows = (to - from) * paths;
        double[] x0 = new double[rows * d];
        for (int i = from; i < to; i++) {
            for (int p = 0; p < paths; p++) {
                for (int k = 0; k < d; k++) {
                    x0[((i - from) * paths + p) * d + k] = points[i][k];
                }
            }
        }
        INDArray prev = Nd4j.createFromArray(x0).reshape(rows, d);          // double precision for the sums
        INDArray logW = Nd4j.zeros(DataType.DOUBLE, rows);
        for (int t = 1; t <= s.steps(); t++) {
            double beta = s.beta(t);
            try (MemoryWorkspace ws = Workspaces.open("importance-sampler")) {
                INDArray eps = ReverseSampler.gaussian(rng, rows, d).castTo(DataType.DOUBLE);
                INDArray next = prev.mul(Math.sqrt(1 - beta)).addi(eps.mul(Math.sqrt(beta)));
                // - log q(x_t | x_{t-1}) = d/2 log(2 pi beta) + |eps|^2 / 2
                logW.addi(eps.mul(eps).sum(1).muli(0.5).addi(0.5 * d * Math.log(2 * Math.PI * beta)));
                // + log p(x_{t-1} | x_t)
                ReverseKernel.Moments m = kernel.moments(next, t);
                logW.addi(m.logDensity(prev));
                prev.assign(next);              // prev lives outside the workspace
            }
        }
        // + log pi(x_T), pi = N(0, I)
        logW.addi(prev.mul(prev).sum(1).muli(-0.5).subi(0.5 * d * Math.log(2 * Math.PI)));
        return logW.toDoubleVector();
    }
}
