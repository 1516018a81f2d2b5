package org.diffusionlab.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Parzen window against closed forms. */
class ParzenWindowTest {

    @Test
    void oneSampleIsAGaussianDensity() {
        float[][] s = {{0.2f, -0.1f, 0.4f}};
        float[][] x = {{0.5f, 0.0f, 0.3f}};
        double sigma = 0.3;
        double sq = 0.09 + 0.01 + 0.01;
        double expected = (-1.5 * Math.log(2 * Math.PI * sigma * sigma) - sq / (2 * sigma * sigma)) / Math.log(2);
        assertEquals(expected, ParzenWindow.logLikelihoodsBits(s, x, sigma)[0], 1e-6);
    }

    @Test
    void theChosenWidthFitsGaussianData() {
        // Samples and points from N(0, 0.2^2) in 2-D: a wide enough window does best; far too narrow or wide do worse.
        Random rng = new Random(1);
        float[][] samples = new float[2000][2];
        float[][] val = new float[300][2];
        for (float[][] set : new float[][][]{samples, val}) {
            for (float[] p : set) {
                p[0] = (float) (0.2 * rng.nextGaussian());
                p[1] = (float) (0.2 * rng.nextGaussian());
            }
        }
        double s = ParzenWindow.chooseSigma(samples, val, new double[]{0.005, 0.05, 0.5, 5});
        assertEquals(0.05, s, 1e-12);
        // Log-likelihood close to the true density's expected value: -log2(2 pi e 0.04) = 0.678 bits... minus smoothing.
        double mean = java.util.Arrays.stream(ParzenWindow.logLikelihoodsBits(samples, val, 0.05)).average().orElseThrow();
        assertEquals(-Math.log(2 * Math.PI * Math.E * 0.04) / Math.log(2), mean, 0.25);
    }
}
