package org.diffusionlab.engine.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The multiplied Gaussian step against numerical integration and its limits. */
class GaussianProductTest {

    /** Mean and variance of N(x; mu, v) N(x; y, 1/lambda), normalised, by quadrature on a fine grid. */
    private static double[] byQuadrature(double mu, double v, double y, double lambda) {
        double lo = Math.min(mu, y) - 12 * Math.sqrt(v), hi = Math.max(mu, y) + 12 * Math.sqrt(v);
        int n = 400_000;
        double h = (hi - lo) / n, z = 0, m1 = 0, m2 = 0;
        for (int i = 0; i <= n; i++) {
            double x = lo + i * h;
            double w = Math.exp(-0.5 * (x - mu) * (x - mu) / v - 0.5 * lambda * (x - y) * (x - y));
            z += w;
            m1 += w * x;
            m2 += w * x * x;
        }
        double mean = m1 / z;
        return new double[]{mean, m2 / z - mean * mean};
    }

    @Test
    void closedFormMatchesTheNormalisedProduct() {
        double[][] cases = {{0.3, 0.5, -1.2, 2.0}, {-2, 0.01, 1, 0.5}, {1, 1, 1, 100}, {0, 2, 3, 0}};
        for (double[] c : cases) {
            double[] q = byQuadrature(c[0], c[1], c[2], c[3]);
            assertEquals(q[0], GaussianProduct.mean(c[0], c[1], c[2], c[3]), 1e-6);
            assertEquals(q[1], GaussianProduct.variance(c[1], c[3]), 1e-6);
        }
    }

    @Test
    void vanishingNoiseReturnsTheObservation() {
        for (double lambda : new double[]{1e4, 1e8, 1e12}) {
            assertEquals(0.7, GaussianProduct.mean(-3, 0.4, 0.7, lambda), 10 / lambda);
            assertEquals(0, GaussianProduct.variance(0.4, lambda), 1 / lambda);
        }
        assertEquals(0.7, GaussianProduct.mean(-3, 0.4, 0.7, Double.POSITIVE_INFINITY));
        assertEquals(0.0, GaussianProduct.variance(0.4, Double.POSITIVE_INFINITY));
    }

    @Test
    void arraysFollowTheScalarFormulaAndClampExactly() {
        float[] y = {0.25f, -1.5f, 3f, 0.1f};
        float[] lambda = {0f, 2f, Float.POSITIVE_INFINITY, 50f};
        GaussianProduct.Rows rows = GaussianProduct.rows(new PixelObservation(y, lambda));
        float[][] mu = {{1f, 2f, -0.3f, 0.5f}, {-1f, 0f, 7f, 0.2f}};
        float[][] v = {{0.5f, 0.2f, 0.9f, 0.01f}, {1f, 3f, 1e-4f, 0.3f}};
        INDArray mean = Nd4j.createFromArray(mu);
        INDArray var = Nd4j.createFromArray(v);
        GaussianProduct.apply(mean, var, rows);
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 4; k++) {
                if (k == 2) {
                    assertEquals(y[k], mean.getFloat(i, k), 0f, "clamped mean is exact");
                    assertEquals(0f, var.getFloat(i, k), 0f, "clamped variance is exactly 0");
                } else {
                    assertEquals(GaussianProduct.mean(mu[i][k], v[i][k], y[k], lambda[k]), mean.getFloat(i, k), 1e-5);
                    assertEquals(GaussianProduct.variance(v[i][k], lambda[k]), var.getFloat(i, k), 1e-6);
                }
            }
        }
    }
}
