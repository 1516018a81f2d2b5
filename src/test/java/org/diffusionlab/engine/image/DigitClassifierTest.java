package org.diffusionlab.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.diffusionlab.data.DigitImages;
import org.diffusionlab.engine.model.FlatParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The legibility judge: its hand-derived gradient, its accuracy on real test digits, and what it says of non-digits. */
class DigitClassifierTest {

    static DigitImages digits;
    static DigitClassifier judge;

    @BeforeAll
    static void trainOnce() {
        digits = DigitImages.load();
        judge = DigitClassifier.train(digits, 3, 1);
    }

    @Test
    void theGradientMatchesFiniteDifferences() {
        DigitClassifier c = DigitClassifier.initialise(3).inDoublePrecision();
        float[][] x = digits.validation(6);
        int[] y = new int[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = digits.label(DigitImages.TRAIN + i);
        }
        FlatParameters grad = c.parameters().zerosLike();
        c.lossAndGradient(x, y, grad);
        double[] g = grad.toDoubleArray();
        double[] p = c.parameters().toDoubleArray();
        Random rng = new Random(5);
        FlatParameters scratch = grad.zerosLike();
        int checked = 0;
        for (FlatParameters.Slot slot : c.parameters().slots()) {
            for (int k = 0; k < 12; k++) {
                int i = (int) (slot.offset() + rng.nextInt((int) slot.length()));
                double h = 1e-5;
                double keep = p[i];
                p[i] = keep + h;
                c.parameters().setFrom(p);
                double up = c.lossAndGradient(x, y, scratch);
                p[i] = keep - h;
                c.parameters().setFrom(p);
                double down = c.lossAndGradient(x, y, scratch);
                p[i] = keep;
                c.parameters().setFrom(p);
                double numeric = (up - down) / (2 * h);
                assertEquals(numeric, g[i], 1e-6 + 1e-4 * Math.abs(numeric), slot.name() + "[" + i + "]");
                checked++;
            }
        }
        assertEquals(48, checked);
    }

    @Test
    void realTestDigitsAreRecognisedAndReadClearly() {
        float[][] test = digits.holdout(1000);
        int[] labels = new int[test.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = digits.label(DigitImages.TRAIN + DigitImages.VALIDATION + i);
        }
        double accuracy = judge.accuracy(test, labels);
        assertTrue(accuracy > 0.93, "test accuracy " + accuracy);
        DigitLegibility real = DigitLegibility.of(judge, test);
        // Three passes leave the judge cautious (about 0.55; ten passes, as the bench trains it, give about 0.8).
        assertTrue(real.confidentFraction() > 0.45, "confident on " + real.confidentFraction());
        assertTrue(real.effectiveClasses() > 9.5, "classes " + real.effectiveClasses());
        assertEquals(1000, java.util.Arrays.stream(real.classCounts()).sum());
    }

    @Test
    void noiseAndBlankImagesDoNotReadAsDigits() {
        Random rng = new Random(9);
        float[][] noise = new float[200][28 * 28];
        for (float[] img : noise) {
            for (int i = 0; i < img.length; i++) {
                img[i] = rng.nextFloat() < 0.2 ? 1f : 0f;       // as much ink as a digit, scattered
            }
        }
        DigitLegibility scattered = DigitLegibility.of(judge, noise);
        assertTrue(scattered.confidentFraction() < 0.2, "scattered ink read as digits: " + scattered.confidentFraction());
        DigitLegibility blank = DigitLegibility.of(judge, new float[50][28 * 28]);
        assertTrue(blank.effectiveClasses() < 1.01, "blank images fall in one class");
    }
}
