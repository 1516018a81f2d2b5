package org.diffusionlab.engine.gaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.diffusionlab.engine.model.DiffusionMlp;
import org.diffusionlab.engine.model.MlpArchitecture;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * For data ~ N(0, I) the forward chain is stationary and reversible, so the kernel with a zero network output,
 * N(sqrt(1 - beta_t) x_t, beta_t), is the exact reverse kernel: K = L_null and every importance weight is exactly
 * log N(x_0; 0, I).
 */
class ClosedFormTest {

    private static final int DIMS = 2;

    private static DiffusionMlp exactKernelNetwork(int steps) {
        // A fresh network has a zero readout: z = 0, the exact reverse kernel for N(0, I) data.
        return DiffusionMlp.initialise(MlpArchitecture.standard(), DIMS, steps, 1, DataType.DOUBLE);
    }

    private static double[][] gaussianPoints(int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][DIMS];
        for (double[] p : x) {
            for (int k = 0; k < DIMS; k++) {
                p[k] = r.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void boundEqualsNullLikelihoodForGaussianDataWithTheExactKernel() {
        BetaSchedule s = BetaSchedule.releasedDefault(40, 1e-3);
        DiffusionMlp net = exactKernelNetwork(40);
        int n = 20_000;
        INDArray x0 = Nd4j.createFromArray(gaussianPoints(n, 3));
        INDArray noise = GaussianBound.drawNoise(40, n, DIMS, new Random(4), DataType.DOUBLE);
        GaussianBound.Result r = GaussianBound.evaluate(net, s, x0, noise, true);
        double[] stats = Evaluator.meanAndStandardError(r.perPointKNats());
        double kMinusNullBits = GaussianMath.toBits(stats[0]) - GaussianMath.nullLogLikelihoodBits(DIMS);
        double seBits = GaussianMath.toBits(stats[1]);
        assertEquals(0, kMinusNullBits, 4 * seBits + 1e-3, "K - L_null = " + kMinusNullBits + " +- " + seBits);
    }

    @Test
    void importanceSampledLikelihoodIsExactForGaussianData() {
        BetaSchedule s = BetaSchedule.releasedDefault(20, 1e-3);
        ReverseKernel kernel = new ReverseKernel(exactKernelNetwork(20), s);
        double[][] x = gaussianPoints(50, 8);
        double[] ll = ImportanceSampler.logLikelihoods(kernel, x, 16, 9);
        for (int i = 0; i < x.length; i++) {
            double exact = 0;
            for (double v : x[i]) {
                exact += GaussianMath.logDensity(v, 0, 1);
            }
            assertEquals(exact, ll[i], 1e-9, "point " + i);
        }
    }

    @Test
    void gaussianKlMatchesNumericalIntegration() {
        double mq = 0.3, vq = 0.5, mp = -0.2, vp = 1.7;
        double sum = 0;
        double h = 1e-3;
        for (double x = -12; x <= 12; x += h) {
            double lq = GaussianMath.logDensity(x, mq, vq);
            sum += Math.exp(lq) * (lq - GaussianMath.logDensity(x, mp, vp)) * h;
        }
        assertEquals(sum, GaussianMath.kl(mq, vq, mp, vp), 1e-6);
        assertEquals(0, GaussianMath.kl(1, 2, 1, 2), 1e-15);
    }

    @Test
    void entropyAndNullLikelihood() {
        assertEquals(0.5 * Math.log(2 * Math.PI * Math.E * 3), GaussianMath.entropy(3), 1e-15);
        // L_null = -(d/2) log2(2 pi e) = -2.047 bits per dimension (FACTS.md)
        assertEquals(-2.047, GaussianMath.nullLogLikelihoodBits(1), 1e-3);
        assertEquals(-4.094, GaussianMath.nullLogLikelihoodBits(2), 1e-3);
    }

    @Test
    void entropyBoundsBracketTheReverseStep() {
        ForwardProcess q = new ForwardProcess(BetaSchedule.releasedDefault(40, 1e-3));
        for (int t = 2; t <= 40; t++) {
            double[] h = q.entropyBounds(t);
            double[] v = q.reverseVarianceBounds(t);
            assertTrue(h[0] <= h[1], "t = " + t);
            assertTrue(v[0] <= v[1], "t = " + t);
            // The bounds in entropy are the Gaussian entropies of the variance bounds.
            assertEquals(GaussianMath.entropy(v[0]), h[0], 1e-12);
            assertEquals(GaussianMath.entropy(v[1]), h[1], 1e-12);
        }
    }

    @Test
    void forwardMarginalHasTheClosedFormMoments() {
        BetaSchedule s = BetaSchedule.releasedDefault(40, 1e-3);
        ForwardProcess q = new ForwardProcess(s);
        double[][] x0 = new double[40_000][];
        for (int i = 0; i < x0.length; i++) {
            x0[i] = new double[]{1.0, -2.0};
        }
        Trajectory traj = q.trajectory(x0, 5);
        for (int t : new int[]{1, 10, 40}) {
            double mean = 0, sq = 0;
            for (int i = 0; i < x0.length; i++) {
                double v = traj.coordinate(t, i, 1);
                mean += v;
                sq += v * v;
            }
            mean /= x0.length;
            double var = sq / x0.length - mean * mean;
            assertEquals(-2.0 * Math.sqrt(s.abar(t)), mean, 0.02, "mean at t = " + t);
            assertEquals(1 - s.abar(t), var, 0.03 * (1 - s.abar(t)) + 1e-4, "variance at t = " + t);
        }
    }

    @Test
    void closedFormSampleAtMatchesTheMarginal() {
        BetaSchedule s = BetaSchedule.releasedDefault(40, 1e-3);
        ForwardProcess q = new ForwardProcess(s);
        double[][] x0 = new double[40_000][];
        for (int i = 0; i < x0.length; i++) {
            x0[i] = new double[]{1.5, 0.0};
        }
        int t = 12;
        double[][] xt = q.sampleAt(x0, t, new Random(6));
        double mean = 0, sq = 0;
        for (double[] p : xt) {
            mean += p[0];
            sq += p[0] * p[0];
        }
        mean /= xt.length;
        double var = sq / xt.length - mean * mean;
        assertEquals(1.5 * Math.sqrt(s.abar(t)), mean, 0.02);
        assertEquals(1 - s.abar(t), var, 0.03 * (1 - s.abar(t)));
    }
}
