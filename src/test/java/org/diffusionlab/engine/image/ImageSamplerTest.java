package org.diffusionlab.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.diffusionlab.engine.posterior.PixelObservation;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Sampling, clamping and denoising through a small random (but not trivial) image model. */
class ImageSamplerTest {

    static ImageDiffusionModel randomModel(int size, int steps, long seed) {
        ImageTrainingConfig c = new ImageTrainingConfig("deadleaves", size, steps, "linear", 1e-3,
                new ConvArchitecture(4, 1, new int[]{1, 2}, 6, 3), 1e-3, 8, seed, 4);
        ImageDiffusionModel m = ImageDiffusionModel.untrained(c, 0.5, 0.3, false);
        Random rng = new Random(seed);
        float[] noise = new float[(int) m.network().parameterCount()];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.3 * rng.nextGaussian());
        }
        m.network().parameters().flat().addi(Nd4j.createFromArray(noise));
        return m;
    }

    @Test
    void clampedPixelsEqualTheObservationAtEveryStepAndTheOthersAreFilled() {
        ImageDiffusionModel m = randomModel(8, 20, 3);
        int p = m.pixels();
        float[] grey = new float[p];
        boolean[] known = new boolean[p];
        float[] y = new float[p];
        for (int i = 0; i < p; i++) {
            grey[i] = (i % 8) / 8f;
            known[i] = (i / 8) < 4 || i % 8 == 0;         // top half and the left column
            y[i] = (float) ((grey[i] - m.dataMean()) / m.dataStd());
        }
        PixelObservation obs = PixelObservation.clamp(y, known);
        AtomicInteger seen = new AtomicInteger();
        ImageTrajectory tr = ImageSampler.run(m, ImageSampler.Request.conditioned(obs, 5), null, (t, imgs) -> seen.incrementAndGet());
        assertEquals(21, seen.get(), "the listener sees x_T .. x_0");
        float[] expected = new float[p];
        for (int i = 0; i < p; i++) {
            expected[i] = m.toGrey(y[i]);
        }
        for (int t = 0; t <= 20; t++) {
            float[] img = tr.image(t, 0);
            int differ = 0;
            for (int i = 0; i < p; i++) {
                if (known[i]) {
                    assertEquals(expected[i], img[i], 0f, "pixel " + i + " at t = " + t);
                } else if (img[i] != expected[i]) {
                    differ++;
                }
            }
            assertTrue(differ > 20, "the free pixels are sampled, not copied (t = " + t + ")");
        }
    }

    @Test
    void denoisingWithVanishingNoiseReturnsTheObservation() {
        ImageDiffusionModel m = randomModel(8, 10, 4);
        float[] y = new float[m.pixels()];
        Random rng = new Random(1);
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) rng.nextGaussian();
        }
        float[] expected = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            expected[i] = m.toGrey(y[i]);
        }
        float[] exact = ImageSampler.run(m, ImageSampler.Request.conditioned(PixelObservation.gaussian(y, 0), 2), null, null).image(0, 0);
        assertArrayEquals(expected, exact, 0f);
        float[] nearly = ImageSampler.run(m, ImageSampler.Request.conditioned(PixelObservation.gaussian(y, 1e-4), 2), null, null).image(0, 0);
        assertArrayEquals(expected, nearly, 1e-3f);
        float[] loose = ImageSampler.run(m, ImageSampler.Request.conditioned(PixelObservation.gaussian(y, 1.0), 2), null, null).image(0, 0);
        double dev = 0;
        for (int i = 0; i < y.length; i++) {
            dev = Math.max(dev, Math.abs(loose[i] - expected[i]));
        }
        assertTrue(dev > 0.01, "a noisy observation is not copied");
    }

    @Test
    void samplingIsDeterministicAndCancellable() {
        ImageDiffusionModel m = randomModel(8, 10, 5);
        float[][] a = ImageSampler.run(m, ImageSampler.Request.samples(3, 9), null, null).samples();
        float[][] b = ImageSampler.run(m, ImageSampler.Request.samples(3, 9), null, null).samples();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(a[i], b[i], 0f);
        }
        AtomicInteger steps = new AtomicInteger();
        assertThrows(CancellationException.class, () -> ImageSampler.run(m, ImageSampler.Request.samples(2, 1),
                () -> steps.get() >= 4, (t, imgs) -> steps.incrementAndGet()));
        assertEquals(4, steps.get(), "stops between steps, at once");
    }

    @Test
    void manyImagesAreSteppedBlockByBlockIntoTheirOwnRows() {
        ImageDiffusionModel m = randomModel(8, 3, 6);
        int n = ImageSampler.BLOCK + 7;
        int p = m.pixels();
        float[][] drawn = ImageSampler.run(m, new ImageSampler.Request(n, null, 11, false), null, null).samples();
        // The same chain by hand: each step moves rows [0, BLOCK) then the rest, noise drawn in that order.
        Random rng = new Random(11);
        INDArray x = ImageBound.gaussian(rng, n, p);
        for (int t = m.schedule().steps(); t >= 1; t--) {
            for (int from = 0; from < n; from += ImageSampler.BLOCK) {
                int to = Math.min(n, from + ImageSampler.BLOCK);
                INDArray rows = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
                ImageKernel.Moments mo = m.kernel().moments(rows.dup(), t);
                rows.assign(mo.mean().add(Transforms.sqrt(mo.variance(), true).mul(ImageBound.gaussian(rng, to - from, p))));
            }
        }
        for (int i : new int[]{0, ImageSampler.BLOCK - 1, ImageSampler.BLOCK, n - 1}) {
            float[] expected = new float[p];
            for (int j = 0; j < p; j++) {
                expected[j] = m.toGrey(x.getFloat(i, j));
            }
            assertArrayEquals(expected, drawn[i], 1e-6f, "image " + i);
        }
        assertTrue(Math.abs(drawn[0][0] - drawn[ImageSampler.BLOCK][0]) > 0, "blocks draw their own noise");
    }

    @Test
    void reversingDiffusedImagesIsSeededAndRefusesStepsOutsideTheChain() {
        ImageDiffusionModel m = randomModel(8, 6, 4);
        float[][] images = new float[3][64];
        for (int i = 0; i < 64; i++) {
            images[1][i] = (i % 8) < 4 ? 0.9f : 0.1f;
        }
        float[][] a = ImageSampler.fromDiffusedImages(m, images, 3, 11);
        float[][] b = ImageSampler.fromDiffusedImages(m, images, 3, 11);
        float[][] c = ImageSampler.fromDiffusedImages(m, images, 3, 12);
        assertEquals(3, a.length);
        assertEquals(64, a[0].length);
        for (int i = 0; i < 3; i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(a[i], b[i]);
            for (float v : a[i]) {
                assertTrue(Float.isFinite(v));
            }
        }
        assertTrue(a[1][0] != c[1][0], "another seed, other noise");
        assertThrows(IllegalArgumentException.class, () -> ImageSampler.fromDiffusedImages(m, images, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> ImageSampler.fromDiffusedImages(m, images, 7, 1));
    }
}
