package org.diffusionlab.engine.gaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.diffusionlab.data.SwissRoll;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.diffusionlab.engine.train.OptimizerKind;
import org.diffusionlab.engine.train.Trainer;
import org.diffusionlab.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/** The best Gaussian kernel's bound: its posterior moments, a closed-form limit, and that no trained model beats it. */
class OptimalKernelBoundTest {

    /**
     * Var[x0 | x_t] from the grid against self-normalised importance sampling from the prior (u uniform, x0 = m(u)
     * plus the roll's noise, weighted by q(x_t | x0)): an estimate that shares nothing with the grid's code.
     */
    @Test
    void posteriorVarianceMatchesImportanceSamplingFromThePrior() {
        SwissRoll roll = SwissRoll.standard();
        double abar = 0.7;
        OptimalKernelBound.CurveGrid grid = new OptimalKernelBound.CurveGrid(roll, abar);
        SplittableRandom r = new SplittableRandom(3);
        double[][] xts = {{0.3, -0.2}, {-1.1, 0.9}, {1.4, 0.1}};
        for (double[] xt : xts) {
            double w = 0;
            double[] m1 = new double[2];
            double[] m2 = new double[2];
            double mxy = 0;
            for (int i = 0; i < 400_000; i++) {
                double[] m = roll.curvePoint(r.nextDouble());
                double x = m[0] + roll.noiseStdScaled(0) * gaussian(r);
                double y = m[1] + roll.noiseStdScaled(1) * gaussian(r);
                double dx = xt[0] - Math.sqrt(abar) * x;
                double dy = xt[1] - Math.sqrt(abar) * y;
                double wi = Math.exp(-(dx * dx + dy * dy) / (2 * (1 - abar)));
                w += wi;
                m1[0] += wi * x;
                m1[1] += wi * y;
                m2[0] += wi * x * x;
                m2[1] += wi * y * y;
                mxy += wi * x * y;
            }
            double[] cov = grid.posteriorCovariance(xt);
            for (int d = 0; d < 2; d++) {
                double mean = m1[d] / w;
                double expected = m2[d] / w - mean * mean;
                assertEquals(expected, cov[d], 0.03 * expected, "Var[x0_" + d + " | x_t = " + xt[0] + "," + xt[1] + "]");
            }
            double cross = mxy / w - (m1[0] / w) * (m1[1] / w);
            assertEquals(cross, cov[2], 0.03 * Math.sqrt(cov[0] * cov[1]), "Cov[x0_0, x0_1 | x_t]");
        }
    }

    /** When x_t has forgotten x0 (abar_T tiny), Var[x0 | x_T] is the data's variance: the last term has a closed form. */
    @Test
    void theLastStepOfAScheduleThatForgetsTheDataHasItsClosedForm() {
        SwissRoll roll = SwissRoll.noiseFree();
        double[] betas = new double[10];
        java.util.Arrays.fill(betas, 0.9);
        betas[0] = 1e-3;
        BetaSchedule s = BetaSchedule.of("test", betas);
        assertTrue(s.abar(10) < 1e-8);
        double[][] x0 = roll.holdoutSet(200, 5);
        OptimalKernelBound.Result r = OptimalKernelBound.compute(roll, s, x0, 9);
        // The data's variance per dimension, by quadrature over the curve.
        int m = 200_000;
        double[] sum = new double[2];
        double[] sq = new double[2];
        for (int j = 0; j < m; j++) {
            double[] p = roll.curvePoint((j + 0.5) / m);
            for (int d = 0; d < 2; d++) {
                sum[d] += p[d] / m;
                sq[d] += p[d] * p[d] / m;
            }
        }
        double c0 = s.posteriorCoefX0(10);
        double v = s.posteriorVariance(10);
        double expected = 0;
        for (int d = 0; d < 2; d++) {
            expected += 0.5 * Math.log1p(c0 * c0 * (sq[d] - sum[d] * sum[d]) / v);
        }
        assertEquals(GaussianMath.toBits(expected), r.perStepKlBits()[10], 1e-6);
    }

    /** The moment-matched kernel minimises every KL term, so a trained network's K stays at or below its bound. */
    @Test
    void noTrainedNetworkBeatsTheBestKernelForItsSchedule() {
        TrainingConfig config = TrainingConfig.defaults().withHoldoutSize(200)
                .withOptimizer(OptimizerKind.ADAM, 1e-2, 128);
        Trainer trainer = new Trainer(config);
        for (int i = 0; i < 400; i++) {
            trainer.step();
        }
        DiffusionModel model = trainer.model();
        double[][] holdout = Evaluator.holdout(model, 3000, 4);
        Evaluation e = Evaluator.evaluate(model, holdout, 0, 1, 4);
        OptimalKernelBound.Result best = OptimalKernelBound.compute((SwissRoll) model.dataset(), model.schedule(),
                holdout, 4);
        assertTrue(e.kBits() <= best.kBits() + 3 * Math.hypot(e.kStandardErrorBits(), best.kSeBits()),
                "K " + e.kBits() + " vs best kernel " + best.kBits());
        assertTrue(best.kBits() < e.ceilingBits(), "a Gaussian kernel with T = 40 stays below the data's ceiling");
        // Hadamard: det(I + aC) <= prod(1 + a C_dd), so a full covariance never does worse than the diagonal.
        assertTrue(best.fullCovarianceKBits() >= best.kBits(), best.toString());
        double[] kl = e.perStepKlBits();
        double[] bestKl = best.perStepKlBits();
        double trained = 0;
        double optimal = 0;
        for (int t = 2; t < kl.length; t++) {
            trained += kl[t];
            optimal += bestKl[t];
        }
        assertTrue(optimal <= trained + 0.05, "summed KL: best " + optimal + " vs trained " + trained);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
