package org.diffusionlab.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import org.diffusionlab.data.ImageDataset;
import org.diffusionlab.data.ImageDatasets;
import org.junit.jupiter.api.Test;

/** Fine-tuning from a saved model, and the noise weighting's effect on the update. */
class ImageTrainerStartTest {

    private static ImageTrainingConfig tiny() {
        return ImageTrainingConfig.defaults("digits")
                .withArchitecture(ConvArchitecture.parse("ms:c4x1@1,2/d8/j3"))
                .withDiffusion(12, "linear", 1e-3)
                .withOptimiser(3e-3, 4, 7, 2);
    }

    private static double[] params(ImageTrainer t) {
        return t.model().network().parameters().flat().toDoubleVector();
    }

    private static SavedImageModel saved(ImageTrainer t) {
        return new SavedImageModel(t.model(), t.history(), t.iteration(), t.trainingSeconds(), "test", Instant.now());
    }

    @Test
    void aRunFromASavedModelStartsFromItsWeightsScaleAndCount() throws Exception {
        ImageDataset data = ImageDatasets.open("digits", 28);
        ImageTrainer first = new ImageTrainer(tiny(), data);
        first.run(org.diffusionlab.engine.train.Budget.iterations(3), () -> false, 1e9, 1e9, p -> { });
        ImageTrainer next = new ImageTrainer(tiny().withOptimiser(1e-3, 4, 9, 2).withWeighting(StepWeighting.NOISE), data,
                saved(first));
        assertArrayEquals(params(first), params(next), 0);
        assertEquals(first.model().dataMean(), next.model().dataMean(), 0);
        assertEquals(first.model().dataStd(), next.model().dataStd(), 0);
        assertEquals(3, next.iteration());
        assertEquals(first.history(), next.history());
        assertEquals(StepWeighting.NOISE, next.model().config().weighting());
        next.step(1e-3);
        assertEquals(4, next.iteration());
        assertFalse(Arrays.equals(params(first), params(next)), "training goes on from there");
    }

    @Test
    void aStartingModelOfAnotherNetworkOrDiffusionIsRefused() throws Exception {
        ImageDataset data = ImageDatasets.open("digits", 28);
        SavedImageModel start = saved(new ImageTrainer(tiny(), data));
        IllegalArgumentException arch = assertThrows(IllegalArgumentException.class, () -> new ImageTrainer(
                tiny().withArchitecture(ConvArchitecture.parse("ms:c4x1@1,2/d16/j3")), data, start));
        assertTrue(arch.getMessage().contains("network ms:c4x1@1,2/d8/j3"), arch.getMessage());
        IllegalArgumentException steps = assertThrows(IllegalArgumentException.class, () -> new ImageTrainer(
                tiny().withDiffusion(20, "linear", 1e-3), data, start));
        assertTrue(steps.getMessage().contains("T = 12"), steps.getMessage());
    }

    @Test
    void aRunWithStepBiasesStartsFromTheSameFunctionAndThenTrainsThem() throws Exception {
        ImageDataset data = ImageDatasets.open("digits", 28);
        ImageTrainer first = new ImageTrainer(tiny(), data);
        first.run(org.diffusionlab.engine.train.Budget.iterations(3), () -> false, 1e9, 1e9, p -> { });
        ConvArchitecture withBiases = tiny().architecture().withStepBiases(true);
        ImageTrainer next = new ImageTrainer(tiny().withArchitecture(withBiases), data, saved(first));
        assertEquals(withBiases, next.model().network().architecture());
        org.nd4j.linalg.api.ndarray.INDArray x = org.nd4j.linalg.factory.Nd4j.rand(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 28 * 28);
        for (int t : new int[]{2, 6, 12}) {
            ImageKernel.Moments before = new ImageKernel(first.model().network(), first.model().schedule()).moments(x, t);
            ImageKernel.Moments after = new ImageKernel(next.model().network(), next.model().schedule()).moments(x, t);
            assertEquals(before.mean(), after.mean(), "mean at t = " + t);
            assertEquals(before.variance(), after.variance(), "variance at t = " + t);
        }
        String stepBias = ImageNetwork.stepBiasName("dense");
        assertEquals(0, next.model().network().parameters().get(stepBias).amaxNumber().doubleValue(), 0);
        next.step(1e-3);
        assertTrue(next.model().network().parameters().get(stepBias).amaxNumber().doubleValue() > 0,
                "the step biases are trained");
        IllegalArgumentException back = assertThrows(IllegalArgumentException.class,
                () -> new ImageTrainer(tiny(), data, saved(next)));
        assertTrue(back.getMessage().contains("network " + withBiases), back.getMessage());
    }

    /** Same weights, data and draws: only the weighting differs, so the first update must differ. */
    @Test
    void theNoiseWeightingChangesTheUpdateButNotTheReportedBound() throws Exception {
        ImageDataset data = ImageDatasets.open("digits", 28);
        ImageTrainer bound = new ImageTrainer(tiny(), data);
        ImageTrainer noise = new ImageTrainer(tiny().withWeighting(StepWeighting.NOISE), data);
        assertArrayEquals(params(bound), params(noise), 0);
        double kBound = bound.step(3e-3);
        double kNoise = noise.step(3e-3);
        assertEquals(kBound, kNoise, 1e-9, "the batch figure is the bound's estimate under either weighting");
        bound.step(3e-3);   // Adam's first step is nearly the gradient's sign; the second shows its size too
        noise.step(3e-3);
        double[] a = params(bound), b = params(noise);
        double maxDiff = 0;
        for (int i = 0; i < a.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
        }
        assertTrue(maxDiff > 1e-6, "the updates differ, max |diff| " + maxDiff);
    }
}
