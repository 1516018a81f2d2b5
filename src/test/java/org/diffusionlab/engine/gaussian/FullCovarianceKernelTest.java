package org.diffusionlab.engine.gaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.diffusionlab.engine.model.DiffusionMlp;
import org.diffusionlab.engine.model.FlatParameters;
import org.diffusionlab.engine.model.KernelForm;
import org.diffusionlab.engine.model.MlpArchitecture;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The full-covariance reverse kernel (beyond the paper): its bound, moments, draws and densities in closed form. */
class FullCovarianceKernelTest {

    private static final int DIMS = 2;

    private static DiffusionMlp randomNetwork(KernelForm form, int steps, long seed) {
        DiffusionMlp net = DiffusionMlp.initialise(MlpArchitecture.standard(), DIMS, steps, form, 3, DataType.DOUBLE);
        double[] p = net.parameters().toDoubleArray();
        Random r = new Random(seed);
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.4 * r.nextGaussian();
        }
        net.parameters().setFrom(p);
        return net;
    }

    private static INDArray gaussian(int n, long seed) {
        return Nd4j.randn(seed, new long[]{n, DIMS}).castTo(DataType.DOUBLE);
    }

    @Test
    void exactKernelOfGaussianDataGivesTheNullLikelihoodInFullForm() {
        // A fresh full-covariance network has c = 0 and the diagonal exact kernel: K - L_null ~ 0 (FACTS.md's sanity case).
        BetaSchedule s = BetaSchedule.releasedDefault(40, 1e-3);
        DiffusionMlp net = DiffusionMlp.initialise(MlpArchitecture.standard(), DIMS, 40, KernelForm.FULL, 1, DataType.DOUBLE);
        int n = 20_000;
        GaussianBound.Result r = GaussianBound.evaluate(net, s, gaussian(n, 3),
                GaussianBound.drawNoise(40, n, DIMS, new Random(4), DataType.DOUBLE), true);
        double[] stats = Evaluator.meanAndStandardError(r.perPointKNats());
        double kMinusNull = GaussianMath.toBits(stats[0]) - GaussianMath.nullLogLikelihoodBits(DIMS);
        assertEquals(0, kMinusNull, 4 * GaussianMath.toBits(stats[1]) + 1e-3, "K - L_null = " + kMinusNull);

        double[][] x = {{0.3, -1.2}, {1.5, 0.4}};
        double[] ll = ImportanceSampler.logLikelihoods(new ReverseKernel(net, s), x, 8, 9);
        for (int i = 0; i < x.length; i++) {
            assertEquals(GaussianMath.logDensity(x[i][0], 0, 1) + GaussianMath.logDensity(x[i][1], 0, 1), ll[i], 1e-9);
        }
    }

    @Test
    void boundTermsAreTheFullCovarianceGaussianKlInClosedForm() {
        int steps = 5;
        BetaSchedule s = BetaSchedule.of("test", 0.01, 0.05, 0.1, 0.2, 0.3);
        DiffusionMlp net = randomNetwork(KernelForm.FULL, steps, 11);
        ReverseKernel kernel = new ReverseKernel(net, s);
        int n = 6;
        INDArray x0 = gaussian(n, 5);
        INDArray noise = GaussianBound.drawNoise(steps, n, DIMS, new Random(9), DataType.DOUBLE);
        double[] perPoint = GaussianBound.evaluate(net, s, x0, noise, true).perPointKNats();
        double[] expected = new double[n];
        java.util.Arrays.fill(expected, GaussianBound.entropyTerms(s, DIMS));
        boolean slanted = false;
        for (int t = 2; t <= steps; t++) {
            INDArray eps = noise.get(NDArrayIndex.point(t - 2), NDArrayIndex.all(), NDArrayIndex.all());
            INDArray xt = x0.mul(Math.sqrt(s.abar(t))).addi(eps.mul(Math.sqrt(1 - s.abar(t))));
            ReverseKernel.Moments m = kernel.moments(xt, t);
            for (int i = 0; i < n; i++) {
                double a = m.variance().getDouble(i, 0);
                double d = m.variance().getDouble(i, 1);
                double b = m.covariance().getDouble(i, 0);
                slanted |= Math.abs(b) > 1e-3;
                double det = a * d - b * b;
                double v = s.posteriorVariance(t);
                double e0 = m.mean().getDouble(i, 0) - (s.posteriorCoefX0(t) * x0.getDouble(i, 0) + s.posteriorCoefXt(t) * xt.getDouble(i, 0));
                double e1 = m.mean().getDouble(i, 1) - (s.posteriorCoefX0(t) * x0.getDouble(i, 1) + s.posteriorCoefXt(t) * xt.getDouble(i, 1));
                // KL(N(mu~, v I) || N(mu, Sigma)) = 0.5 [v tr Sigma^-1 + e^T Sigma^-1 e - 2 + ln det Sigma - 2 ln v]
                double trace = (a + d) / det;
                double mahalanobis = (d * e0 * e0 - 2 * b * e0 * e1 + a * e1 * e1) / det;
                expected[i] -= 0.5 * (v * trace + mahalanobis - 2 + Math.log(det) - 2 * Math.log(v));
            }
        }
        assertTrue(slanted, "the random network's kernels should have off-diagonal terms");
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], perPoint[i], 1e-9, "point " + i);
        }
    }

    @Test
    void fullFormWithoutOffDiagonalEqualsTheDiagonalKernel() {
        int steps = 6;
        BetaSchedule s = BetaSchedule.releasedDefault(steps, 1e-3);
        DiffusionMlp diagonal = randomNetwork(KernelForm.DIAGONAL, steps, 2);
        DiffusionMlp full = DiffusionMlp.initialise(MlpArchitecture.standard(), DIMS, steps, KernelForm.FULL, 3, DataType.DOUBLE);
        FlatParameters from = diagonal.parameters();
        FlatParameters to = full.parameters();
        for (FlatParameters.Slot slot : from.slots()) {
            INDArray target = to.get(slot.name());
            if (slot.name().startsWith("out.")) {       // the readout: the first 2d outputs; c's column stays 0
                target = target.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 2 * DIMS));
            }
            target.assign(from.get(slot.name()));
        }
        to.get("out.W").get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(2 * DIMS)).assign(0);
        to.get("out.b").get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(2 * DIMS)).assign(0);
        INDArray x0 = gaussian(50, 7);
        INDArray noise = GaussianBound.drawNoise(steps, 50, DIMS, new Random(1), DataType.DOUBLE);
        FlatParameters gd = diagonal.parameters().zerosLike();
        FlatParameters gf = full.parameters().zerosLike();
        GaussianBound.Result rd = GaussianBound.evaluateWithGradient(diagonal, s, x0, noise, gd);
        GaussianBound.Result rf = GaussianBound.evaluateWithGradient(full, s, x0, noise, gf);
        assertEquals(rd.kNats(), rf.kNats(), 1e-12);
        for (int k = 0; k < steps; k++) {
            assertEquals(rd.lossGradBeta()[k], rf.lossGradBeta()[k], 1e-10, "beta_" + (k + 1));
        }
        assertEquals(gd.get("rbf.centres").getDouble(3), gf.get("rbf.centres").getDouble(3), 1e-12);

        double[][] points = {{0.1, 0.2}, {-1, 1.5}};
        double[] lld = ImportanceSampler.logLikelihoods(new ReverseKernel(diagonal, s), points, 4, 3);
        double[] llf = ImportanceSampler.logLikelihoods(new ReverseKernel(full, s), points, 4, 3);
        assertEquals(lld[0], llf[0], 1e-9);
        assertEquals(lld[1], llf[1], 1e-9);
    }

    @Test
    void drawsAndDensitiesFollowTheSlantedCovariance() {
        int steps = 5;
        BetaSchedule s = BetaSchedule.of("test", 0.01, 0.05, 0.1, 0.2, 0.3);
        DiffusionMlp net = randomNetwork(KernelForm.FULL, steps, 4);
        ReverseKernel kernel = new ReverseKernel(net, s);
        int n = 200_000;
        INDArray x = Nd4j.zeros(DataType.DOUBLE, n, DIMS).addiRowVector(Nd4j.createFromArray(0.4, -0.7));
        ReverseKernel.Moments m = kernel.moments(x, 4);
        double a = m.variance().getDouble(0, 0);
        double d = m.variance().getDouble(0, 1);
        double b = m.covariance().getDouble(0, 0);
        assertTrue(a > 0 && d > 0 && a * d - b * b > 0, "positive definite");
        INDArray draw = m.sample(gaussian(n, 12)).sub(m.mean());
        double cxx = draw.getColumn(0).mul(draw.getColumn(0)).meanNumber().doubleValue();
        double cyy = draw.getColumn(1).mul(draw.getColumn(1)).meanNumber().doubleValue();
        double cxy = draw.getColumn(0).mul(draw.getColumn(1)).meanNumber().doubleValue();
        // standard error of a second moment ~ sqrt(2 / n) times its scale
        double tol = 5 * Math.sqrt(2.0 / n);
        assertEquals(a, cxx, tol * a);
        assertEquals(d, cyy, tol * d);
        assertEquals(b, cxy, tol * Math.sqrt(a * d));

        INDArray probe = Nd4j.createFromArray(new double[][]{{0.5, -0.2}});
        ReverseKernel.Moments one = kernel.moments(Nd4j.createFromArray(new double[][]{{0.4, -0.7}}), 4);
        double e0 = 0.5 - one.mean().getDouble(0, 0);
        double e1 = -0.2 - one.mean().getDouble(0, 1);
        double det = a * d - b * b;
        double closed = -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * (d * e0 * e0 - 2 * b * e0 * e1 + a * e1 * e1) / det;
        assertEquals(closed, one.logDensity(probe).getDouble(0), 1e-9);
    }

    @Test
    void fullFormIsForTwoDimensionalDataOnly() {
        assertThrows(IllegalArgumentException.class, () -> KernelForm.FULL.outputs(3));
        assertEquals(5, KernelForm.FULL.outputs(2));
        assertEquals(4, KernelForm.DIAGONAL.outputs(2));
        assertEquals(KernelForm.FULL, KernelForm.parse("Full"));
        assertThrows(IllegalArgumentException.class, () -> KernelForm.parse("banded"));
    }
}
