package org.diffusionlab.engine.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.diffusionlab.engine.gaussian.ReverseKernel;
import org.diffusionlab.engine.gaussian.Trajectory;
import org.diffusionlab.engine.model.DiffusionMlp;
import org.diffusionlab.engine.model.KernelForm;
import org.diffusionlab.engine.model.MlpArchitecture;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** A Gaussian r on Gaussian data: the multiplied reverse process draws from the product p(x_0) r(x_0) / Z. */
class GaussianTiltTest {

    @ParameterizedTest
    @EnumSource(KernelForm.class)
    void gaussianRTimesGaussianDataGivesTheProductsMomentsWithinMonteCarloError(KernelForm form) {
        int steps = 40;
        // an untrained network is the exact reverse kernel of N(0, I) data, so p(x_0) = N(0, I)
        DiffusionMlp net = DiffusionMlp.initialise(MlpArchitecture.standard(), 2, steps, form, 1, DataType.DOUBLE);
        ReverseKernel kernel = new ReverseKernel(net, BetaSchedule.releasedDefault(steps, 1e-3));
        double[] centre = {1.0, -0.5};
        double std = 0.7;
        int n = 20_000;
        Trajectory tr = GaussianTilt.sample(kernel, centre, std, n, 4);
        // N(0, I) N(c, s^2 I) ∝ N(c / (1 + s^2), s^2 / (1 + s^2) I)
        double var = std * std / (1 + std * std);
        for (int k = 0; k < 2; k++) {
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                double v = tr.coordinate(0, i, k);
                sum += v;
                sq += v * v;
            }
            double mean = sum / n;
            double sampleVar = sq / n - mean * mean;
            assertEquals(centre[k] / (1 + std * std), mean, 5 * Math.sqrt(var / n), "mean of coordinate " + k);
            assertEquals(var, sampleVar, 5 * var * Math.sqrt(2.0 / n), "variance of coordinate " + k);
        }
    }

    @Test
    void improperRIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GaussianTilt.check(new double[] {0, 0}, 0));
        assertThrows(IllegalArgumentException.class, () -> GaussianTilt.check(new double[] {0, 0}, -1));
        assertThrows(IllegalArgumentException.class, () -> GaussianTilt.check(new double[] {Double.NaN, 0}, 1));
        assertThrows(IllegalArgumentException.class, () -> GaussianTilt.check(new double[] {0, 0}, Double.POSITIVE_INFINITY));
    }
}
