package org.diffusionlab.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.gaussian.GaussianBound;
import org.diffusionlab.engine.model.FlatParameters;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BatchSplitterTest {

    /** A model a few iterations into training, so that its gradient is not the untrained network's. */
    private static DiffusionModel partlyTrained(TrainingConfig config) {
        Trainer t = new Trainer(config);
        for (int i = 0; i < 20; i++) {
            t.step();
        }
        return t.model();
    }

    @Test
    void aSplitBatchGivesTheBoundAndGradientsOfTheWholeBatch() {
        for (TrainingConfig config : new TrainingConfig[] {
                TrainingConfig.defaults().withHoldoutSize(100),
                TrainingConfig.paper().withHoldoutSize(100)}) {
            DiffusionModel model = partlyTrained(config);
            int batch = 100;                                    // 3 shares of 33, 33 and 34 points
            INDArray x0 = Nd4j.createFromArray(model.dataset().sample(batch, 5)).castTo(DataType.FLOAT);
            INDArray noise = GaussianBound.drawNoise(config.steps(), batch, 2, new Random(6), DataType.FLOAT);
            FlatParameters whole = model.network().parameters().zerosLike();
            GaussianBound.Result one = GaussianBound.evaluateWithGradient(model.network(), model.schedule(), x0,
                    noise, whole);
            BatchSplitter splitter = new BatchSplitter(model.network().parameters());
            splitter.setThreads(3);
            FlatParameters split = model.network().parameters().zerosLike();
            GaussianBound.Result three = splitter.evaluateWithGradient(model.network(), model.schedule(), x0, noise,
                    split);

            assertEquals(one.kNats(), three.kNats(), 1e-5 * Math.abs(one.kNats()) + 1e-6, config.architecture());
            assertArrayEquals(one.perStepKlNats(), three.perStepKlNats(), 1e-5, config.architecture());
            double[] g1 = whole.toDoubleArray();
            double[] g3 = split.toDoubleArray();
            double scale = 0;
            for (double g : g1) {
                scale = Math.max(scale, Math.abs(g));
            }
            assertTrue(scale > 0, "the gradient is not trivially zero");
            assertArrayEquals(g1, g3, 1e-4 * scale, config.architecture() + ": network gradient");
            double[] b1 = one.lossGradBeta();
            double[] b3 = three.lossGradBeta();
            // From beta_2 on: d/d beta_1 is a difference of two terms near 1/beta_1 that float sums round apart
            // (beta_1 is never learned).
            for (int t = 1; t < b1.length; t++) {
                assertEquals(b1[t], b3[t], 1e-4 * Math.abs(b1[t]) + 1e-4, config.architecture() + ": d/d beta_" + (t + 1));
            }
        }
    }

    @Test
    void smallBatchesAreNotSplitBelowTheSmallestShare() {
        DiffusionModel model = DiffusionModel.untrained(TrainingConfig.defaults().withHoldoutSize(100));
        int batch = BatchSplitter.MIN_SHARE + 3;
        INDArray x0 = Nd4j.createFromArray(model.dataset().sample(batch, 5)).castTo(DataType.FLOAT);
        INDArray noise = GaussianBound.drawNoise(40, batch, 2, new Random(6), DataType.FLOAT);
        FlatParameters whole = model.network().parameters().zerosLike();
        GaussianBound.Result one = GaussianBound.evaluateWithGradient(model.network(), model.schedule(), x0, noise, whole);
        BatchSplitter splitter = new BatchSplitter(model.network().parameters());
        splitter.setThreads(2);
        FlatParameters split = model.network().parameters().zerosLike();
        GaussianBound.Result r = splitter.evaluateWithGradient(model.network(), model.schedule(), x0, noise, split);
        assertEquals(Double.doubleToLongBits(one.kNats()), Double.doubleToLongBits(r.kNats()), "one share: the same sums");
        assertArrayEquals(whole.toDoubleArray(), split.toDoubleArray());
    }

    @Test
    void twoThreadTrainingRepeatsToTheLastBitAndRefusesBadCounts() {
        TrainingConfig config = TrainingConfig.defaults().withHoldoutSize(200);
        Trainer a = new Trainer(config);
        Trainer b = new Trainer(config);
        a.setGradientThreads(2);
        b.setGradientThreads(2);
        for (int i = 0; i < 10; i++) {
            a.step();
            b.step();
        }
        assertArrayEquals(a.snapshot().parameters(), b.snapshot().parameters());
        assertArrayEquals(a.schedule().betas(), b.schedule().betas());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.setGradientThreads(0));
        assertTrue(e.getMessage().contains("between 1 and 16"), e.getMessage());
    }
}
