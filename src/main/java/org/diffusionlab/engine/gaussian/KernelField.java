package org.diffusionlab.engine.gaussian;

import org.diffusionlab.engine.Workspaces;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reverse kernel evaluated on fixed points (a grid) at every step: the drift {@code f_mu(x, t) - x} (the paper's
 * Figure 1, third row) and the variance {@code f_Sigma(x, t)}, for t = 1..T. Plain arrays, safe to hand to any thread.
 *
 * @param points   the n points, x and y interleaved
 * @param drift    drift[t] = f_mu(x, t) - x at every point, interleaved ([n * 2]); drift[0] is empty
 * @param variance variance[t] = f_Sigma(x, t) averaged over the dimensions, at every point ([n]); variance[0] is empty
 * @param covariance covariance[t] = the kernel's 2x2 covariance at every point as (Var x, Var y, Cov xy) triples
 *                 ([n * 3]; Cov xy is 0 for the paper's diagonal kernel), for drawing it as ellipses; [0] is empty
 */
public record KernelField(float[] points, float[][] drift, float[][] variance, float[][] covariance) {

    /** The field of a kernel at {@code points} ([n][2]) for every t = 1..T: T network passes of n rows each. */
    public static KernelField of(ReverseKernel kernel, double[][] points) {
        int n = points.length;
        int d = kernel.dims();
        int steps = kernel.schedule().steps();
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                flat[i * d + k] = (float) points[i][k];
            }
        }
        float[][] drift = new float[steps + 1][];
        float[][] variance = new float[steps + 1][];
        float[][] covariance = new float[steps + 1][];
        drift[0] = new float[0];
        variance[0] = new float[0];
        covariance[0] = new float[0];
        INDArray x = Nd4j.createFromArray(flat).reshape(n, d).castTo(kernel.network().dataType());
        for (int t = 1; t <= steps; t++) {
            try (MemoryWorkspace ws = Workspaces.open("kernel-field")) {
                ReverseKernel.Moments m = kernel.moments(x, t);
                float[] mean = m.mean().castTo(DataType.FLOAT).dup().data().asFloat();
                float[] var = m.variance().castTo(DataType.FLOAT).dup().data().asFloat();
                float[] cov = m.covariance().castTo(DataType.FLOAT).dup().data().asFloat();
                float[] dr = new float[n * d];
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    float sum = 0;
                    for (int k = 0; k < d; k++) {
                        dr[i * d + k] = mean[i * d + k] - flat[i * d + k];
                        sum += var[i * d + k];
                    }
                    v[i] = sum / d;
                }
                drift[t] = dr;
                variance[t] = v;
                covariance[t] = new float[n * 3];
                for (int i = 0; i < n; i++) {
                    covariance[t][3 * i] = var[i * d];
                    covariance[t][3 * i + 1] = var[i * d + 1];
                    covariance[t][3 * i + 2] = cov[i];
                }
            }
        }
        return new KernelField(flat, drift, variance, covariance);
    }

    /** Number of points. */
    public int size() {
        return points.length / 2;
    }

    /** T. */
    public int steps() {
        return drift.length - 1;
    }
}
