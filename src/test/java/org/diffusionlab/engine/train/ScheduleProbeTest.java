package org.diffusionlab.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.gaussian.ReverseKernel;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ScheduleProbeTest {

    private static TrainingConfig small() {
        return TrainingConfig.defaults().withHoldoutSize(1500).withOptimizer(OptimizerKind.ADAM, 1e-2, 64);
    }

    @Test
    void underTheTrainedScheduleItGivesTheTrainersHoldoutKToTheLastBit() {
        Trainer trainer = new Trainer(small());
        for (int i = 0; i < 40; i++) {
            trainer.step();
        }
        double trainerK = trainer.evaluateHoldout();
        double[] trainerSteps = trainer.snapshot().perStepKlBits();
        DiffusionModel m = trainer.model();
        ScheduleProbe.Result r = new ScheduleProbe(small()).evaluate(m.network(), m.schedule());
        assertEquals(Double.doubleToLongBits(trainerK), Double.doubleToLongBits(r.kBits()));
        assertEquals(trainerSteps.length, r.perStepKlBits().length);
        for (int t = 0; t < trainerSteps.length; t++) {
            assertEquals(trainerSteps[t], r.perStepKlBits()[t], 0.0, "step " + t);
        }
    }

    @Test
    void anotherScheduleChangesKAndTheVarianceRangeFollowsTheForwardProcess() {
        TrainingConfig c = small();
        Trainer trainer = new Trainer(c);
        for (int i = 0; i < 40; i++) {
            trainer.step();
        }
        DiffusionModel m = trainer.model();
        ScheduleProbe probe = new ScheduleProbe(c);
        BetaSchedule other = BetaSchedule.binomial(c.steps()).withBeta1(c.beta1());
        ScheduleProbe.Result trained = probe.evaluate(m.network(), m.schedule());
        ScheduleProbe.Result moved = probe.evaluate(m.network(), other);
        assertTrue(moved.kBits() < trained.kBits(), "a model loses bits when the schedule changes under it: "
                + trained.kBits() + " -> " + moved.kBits());
        for (int t = 2; t <= c.steps(); t++) {
            assertEquals(other.posteriorVariance(t), moved.varianceLower()[t], 0);
            assertEquals(other.beta(t), moved.varianceUpper()[t], 0);
            assertTrue(moved.varianceLower()[t] < moved.varianceUpper()[t]);
            // the variances are the entropy bounds of FACTS.md, H = 1/2 ln(2 pi e v)
            double[] h = new org.diffusionlab.engine.gaussian.ForwardProcess(other).entropyBounds(t);
            assertEquals(h[0], org.diffusionlab.engine.gaussian.GaussianMath.entropy(moved.varianceLower()[t]), 1e-12);
            assertEquals(h[1], org.diffusionlab.engine.gaussian.GaussianMath.entropy(moved.varianceUpper()[t]), 1e-12);
        }
    }

    @Test
    void theMeanReverseVarianceIsTheKernelsVarianceAveragedOverTheHoldoutsXt() {
        TrainingConfig c = small().withHoldoutSize(20);
        Trainer trainer = new Trainer(c);
        for (int i = 0; i < 30; i++) {
            trainer.step();
        }
        DiffusionModel m = trainer.model();
        BetaSchedule s = m.schedule();
        ScheduleProbe.Result r = new ScheduleProbe(c).evaluate(m.network(), s);
        // Rebuild the holdout's x_t at one t from the trainer's recipe and ask the kernel directly.
        double[][] x0 = Trainer.holdoutPoints(c, m.dataset());
        INDArray noise = org.diffusionlab.engine.gaussian.GaussianBound.drawNoise(c.steps(), x0.length, 2,
                new java.util.Random(c.seed() ^ 0x5DEECE66DL), DataType.FLOAT);
        int t = 17;
        INDArray eps = noise.get(org.nd4j.linalg.indexing.NDArrayIndex.point(t - 2)).dup();
        INDArray xt = Nd4j.createFromArray(x0).castTo(DataType.FLOAT).mul(Math.sqrt(s.abar(t)))
                .addi(eps.mul(Math.sqrt(1 - s.abar(t))));
        double direct = new ReverseKernel(m.network(), s).moments(xt, t).variance().meanNumber().doubleValue();
        assertEquals(direct, r.meanReverseVariance()[t], 1e-6 * direct);
        assertEquals(s.beta(1), r.meanReverseVariance()[1], 0);
    }
}
