package org.diffusionlab.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.diffusionlab.engine.io.ModelFile;
import org.diffusionlab.engine.io.SavedModel;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run on explicit betas (config schedule "custom") trains on them and keeps them through a model file. */
class CustomScheduleTest {

    @TempDir
    Path dir;

    @Test
    void aFixedCustomScheduleIsTrainedOnAndSurvivesSaveAndOpen() throws Exception {
        TrainingConfig c = TrainingConfig.defaults().withSchedule(TrainingConfig.CUSTOM).withLearnBeta(false)
                .withHoldoutSize(200).withOptimizer(OptimizerKind.ADAM, 1e-2, 32);
        BetaSchedule custom = BetaSchedule.fromControlPoints(40, new int[]{2, 20, 40}, new double[]{0.01, 0.05, 0.3})
                .withBeta1(c.beta1());
        Trainer trainer = new Trainer(c, custom);
        for (int i = 0; i < 5; i++) {
            trainer.step();
        }
        assertArrayEquals(custom.betas(), trainer.schedule().betas(), 1e-15);
        assertEquals("custom", trainer.schedule().name());
        // a snapshot rebuilds the model without a preset to fall back on
        assertArrayEquals(trainer.schedule().betas(), trainer.snapshot().toModel().schedule().betas());

        Path f = dir.resolve("custom.dlab");
        ModelFile.save(f, SavedModel.now(trainer.model(), trainer.history(), trainer.iteration(), trainer.trainingSeconds()));
        SavedModel back = ModelFile.load(f);
        assertEquals(TrainingConfig.CUSTOM, back.model().config().schedule());
        assertArrayEquals(trainer.schedule().betas(), back.model().schedule().betas());
        // training continues on the file's betas
        Trainer again = new Trainer(back.model(), back.history(), back.iterations(), back.trainingSeconds());
        assertArrayEquals(trainer.schedule().betas(), again.schedule().betas());
        assertThrows(IllegalStateException.class, c::baseSchedule, "custom betas cannot come from the config");
    }

    @Test
    void theBinomialPresetIsThePapersScheduleWithTheConfigsBeta1() {
        TrainingConfig c = TrainingConfig.defaults().withSchedule("binomial");
        BetaSchedule s = c.baseSchedule();
        assertEquals(c.beta1(), s.beta(1));
        for (int t = 2; t < 40; t++) {
            assertEquals(1.0 / (40 - t + 1), s.beta(t), 1e-15);
        }
    }
}
