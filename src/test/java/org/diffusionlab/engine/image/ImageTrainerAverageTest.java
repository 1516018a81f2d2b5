package org.diffusionlab.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionlab.data.ImageDatasets;
import org.junit.jupiter.api.Test;

/** The trainer's moving average of the weights follows its stated recursion and leaves training untouched. */
class ImageTrainerAverageTest {

    private static ImageTrainer tinyTrainer() throws Exception {
        ImageTrainingConfig c = ImageTrainingConfig.defaults("digits")
                .withArchitecture(ConvArchitecture.parse("ms:c4x1@1,2/d8/j3"))
                .withDiffusion(12, "linear", 1e-3)
                .withOptimiser(3e-3, 4, 7, 2);
        return new ImageTrainer(c, ImageDatasets.open("digits", 28));
    }

    private static double[] params(ImageDiffusionModel m) {
        return m.network().parameters().flat().toDoubleVector();
    }

    @Test
    void theAverageFollowsItsRecursionWithTheWarmUp() throws Exception {
        ImageTrainer trainer = tinyTrainer();
        assertNull(trainer.averagedModel(), "no average unless asked for");
        double decay = 0.5;
        trainer.averageWeights(decay);
        double[] expected = params(trainer.model());
        for (int n = 0; n < 6; n++) {
            trainer.step(3e-3);
            double d = Math.min(decay, (1.0 + n) / (10.0 + n));
            double[] now = params(trainer.model());
            for (int i = 0; i < expected.length; i++) {
                expected[i] = d * expected[i] + (1 - d) * now[i];
            }
        }
        double[] averaged = params(trainer.averagedModel());
        assertArrayEquals(expected, averaged, 1e-5);
        double maxDiff = 0;
        double[] now = params(trainer.model());
        for (int i = 0; i < now.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(now[i] - averaged[i]));
        }
        assertTrue(maxDiff > 1e-4, "after six Adam steps the average lags the weights, max |diff| " + maxDiff);
    }

    @Test
    void averagingDoesNotChangeTheTrainedWeightsAndDecayZeroIsTheWeights() throws Exception {
        ImageTrainer plain = tinyTrainer();
        ImageTrainer averaged = tinyTrainer();
        averaged.averageWeights(0);
        for (int n = 0; n < 3; n++) {
            assertEquals(plain.step(3e-3), averaged.step(3e-3), 0);
        }
        assertArrayEquals(params(plain.model()), params(averaged.model()), 0);
        assertArrayEquals(params(averaged.model()), params(averaged.averagedModel()), 1e-7);
        assertEquals(averaged.evaluateHoldout(null).kBits(), averaged.evaluateAveragedHoldout().kBits(), 1e-4);
    }

    @Test
    void aDecayOutsideTheUnitIntervalIsRefused() throws Exception {
        ImageTrainer trainer = tinyTrainer();
        assertThrows(IllegalArgumentException.class, () -> trainer.averageWeights(1));
        assertThrows(IllegalArgumentException.class, () -> trainer.averageWeights(-0.1));
        assertThrows(IllegalStateException.class, trainer::evaluateAveragedHoldout);
    }
}
