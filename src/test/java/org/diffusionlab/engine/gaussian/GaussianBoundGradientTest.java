package org.diffusionlab.engine.gaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.diffusionlab.engine.model.Activation;
import org.diffusionlab.engine.model.DiffusionMlp;
import org.diffusionlab.engine.model.FlatParameters;
import org.diffusionlab.engine.model.KernelForm;
import org.diffusionlab.engine.model.MlpArchitecture;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Finite-difference checks of the hand-derived gradient of -K w.r.t. network weights and every beta_t. */
class GaussianBoundGradientTest {

    static Stream<MlpArchitecture> architectures() {
        return Stream.of(
                new MlpArchitecture("tanh", MlpArchitecture.FirstLayer.DENSE, Activation.TANH, new int[]{3, 4}, true),
                new MlpArchitecture("softplus", MlpArchitecture.FirstLayer.DENSE, Activation.SOFTPLUS, new int[]{4}, false),
                new MlpArchitecture("rbf", MlpArchitecture.FirstLayer.RBF, Activation.TANH, new int[]{3, 2}, true),
                // one RBF layer with and without the per-step bias (the default and large presets' shape); from
                // 128 units on, the bias is folded into per-block weights (DiffusionMlp.FOLD_MIN_WIDTH)
                new MlpArchitecture("rbf-bias", MlpArchitecture.FirstLayer.RBF, Activation.TANH, new int[]{4}, true),
                new MlpArchitecture("rbf-wide", MlpArchitecture.FirstLayer.RBF, Activation.TANH, new int[]{128}, true),
                new MlpArchitecture("rbf-plain", MlpArchitecture.FirstLayer.RBF, Activation.TANH, new int[]{4}, false),
                // the locally linear readout (features h, h x_1, h x_2) on RBF units, folded and not, and on tanh
                new MlpArchitecture("rbf-local", MlpArchitecture.FirstLayer.RBF, Activation.TANH, new int[]{4}, true, true),
                new MlpArchitecture("rbf-wide-local", MlpArchitecture.FirstLayer.RBF, Activation.TANH, new int[]{128}, true, true),
                new MlpArchitecture("tanh-local", MlpArchitecture.FirstLayer.DENSE, Activation.TANH, new int[]{3, 4}, false, true));
    }

    /** A dense, an RBF and a locally linear readout network. */
    static Stream<MlpArchitecture> narrowArchitectures() {
        return architectures().filter(a -> List.of("tanh", "rbf-bias", "rbf-local").contains(a.name()));
    }

    private static final int DIMS = 2;
    private static final int STEPS = 5;
    private static final int BATCH = 3;

    @ParameterizedTest
    @MethodSource("architectures")
    void networkAndScheduleGradientsMatchFiniteDifferences(MlpArchitecture arch) {
        checkGradients(arch, KernelForm.DIAGONAL);
    }

    /**
     * The full-covariance KL (its extra output c, the trace and Mahalanobis terms) on plain and locally linear readouts;
     * the other networks differ only below the readout, which the diagonal checks cover.
     */
    @ParameterizedTest
    @MethodSource("narrowArchitectures")
    void fullCovarianceGradientsMatchFiniteDifferences(MlpArchitecture arch) {
        checkGradients(arch, KernelForm.FULL);
    }

    private static void checkGradients(MlpArchitecture arch, KernelForm form) {
        DiffusionMlp net = DiffusionMlp.initialise(arch, DIMS, STEPS, form, 7, DataType.DOUBLE);
        // Random readout too, so that every path carries gradient.
        Random rng = new Random(3);
        double[] p = net.parameters().toDoubleArray();
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.3 * rng.nextGaussian();
        }
        net.parameters().setFrom(p);
        BetaSchedule schedule = BetaSchedule.of("test", 0.01, 0.05, 0.1, 0.2, 0.3);
        INDArray x0 = Nd4j.randn(new Random(5).nextLong(), new long[]{BATCH, DIMS}).castTo(DataType.DOUBLE);
        INDArray noise = GaussianBound.drawNoise(STEPS, BATCH, DIMS, new Random(9), DataType.DOUBLE);

        FlatParameters grad = net.parameters().zerosLike();
        GaussianBound.Result r = GaussianBound.evaluateWithGradient(net, schedule, x0, noise, grad);
        double[] analytic = grad.toDoubleArray();
        double h = 1e-6;
        int stride = p.length > 1000 ? 7 : 1;       // the wide network: every 7th parameter (all kinds are hit)
        for (int i = 0; i < p.length; i += stride) {
            double[] plus = p.clone();
            plus[i] += h;
            double[] minus = p.clone();
            minus[i] -= h;
            net.parameters().setFrom(plus);
            double lp = -GaussianBound.evaluate(net, schedule, x0, noise, false).kNats();
            net.parameters().setFrom(minus);
            double lm = -GaussianBound.evaluate(net, schedule, x0, noise, false).kNats();
            double numeric = (lp - lm) / (2 * h);
            assertEquals(numeric, analytic[i], 1e-6 + 1e-5 * Math.abs(numeric), "parameter " + i);
        }
        net.parameters().setFrom(p);
        double[] betas = schedule.betas();
        for (int t = 1; t <= STEPS; t++) {
            double[] plus = betas.clone();
            plus[t - 1] += h;
            double[] minus = betas.clone();
            minus[t - 1] -= h;
            double lp = -GaussianBound.evaluate(net, BetaSchedule.of("p", plus), x0, noise, false).kNats();
            double lm = -GaussianBound.evaluate(net, BetaSchedule.of("m", minus), x0, noise, false).kNats();
            double numeric = (lp - lm) / (2 * h);
            assertEquals(numeric, r.lossGradBeta()[t - 1], 1e-5 + 1e-5 * Math.abs(numeric), "beta_" + t);
        }
    }
}
