package org.diffusionlab.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.diffusionlab.data.DigitImages;
import org.diffusionlab.engine.image.DigitClassifier;
import org.diffusionlab.engine.image.DigitLegibility;
import org.diffusionlab.engine.image.ImageDiffusionModel;
import org.diffusionlab.engine.image.ImageSampler;

/**
 * {@code bench --legibility MODEL}: what fraction of a digits model's samples a classifier trained on real digits reads
 * clearly as one digit, beside the fraction of real test digits it reads so; a number for "digits that read as digits".
 */
final class LegibilityBench {

    static final long JUDGE_SEED = 1;

    private LegibilityBench() {
    }

    static int run(BenchCommand c, Path model, int samples, int judgeEpochs, int[] fromT) throws Exception {
        if (samples < 10 || samples > 100_000) {
            throw CliException.usage("--legibility-samples must be between 10 and 100000, got " + samples);
        }
        if (judgeEpochs < 1 || judgeEpochs > 100) {
            throw CliException.usage("--judge-epochs must be between 1 and 100, got " + judgeEpochs);
        }
        ImageDiffusionModel m = ImageCommands.loadModelOf(model, "digits", "28 x 28 digits", "legibility figure");
        if (m.size() != 28) {
            throw CliException.usage("the legibility figure is for 28 x 28 digits models; " + model + " is "
                    + m.size() + " x " + m.size());
        }
        int[] starts = ImageCommands.reverseFromSteps(fromT, m, "--legibility-from-t");
        DigitImages digits = DigitImages.load();
        long start = System.nanoTime();
        DigitClassifier judge = DigitClassifier.train(digits, judgeEpochs, JUDGE_SEED);
        double judgeSeconds = (System.nanoTime() - start) / 1e9;
        float[][] test = digits.holdout(digits.holdoutCount());
        int[] labels = new int[test.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = digits.label(DigitImages.TRAIN + DigitImages.VALIDATION + i);
        }
        double accuracy = judge.accuracy(test, labels);
        DigitLegibility real = DigitLegibility.of(judge, test);
        start = System.nanoTime();
        float[][] drawn = ImageSampler.run(m, new ImageSampler.Request(samples, null, 1, false), null, null).samples();
        double sampleSeconds = (System.nanoTime() - start) / 1e9;
        DigitLegibility generated = DigitLegibility.of(judge, drawn);
        c.out().printf(Locale.ROOT, "Judge: %d-%d-10 classifier, %d passes over the 8,000 training digits (seed %d, %.0f s); "
                        + "test accuracy %.1f%% on %d test digits.%n", 28 * 28, 256, judgeEpochs, JUDGE_SEED, judgeSeconds,
                100 * accuracy, test.length);
        c.out().printf(Locale.ROOT, "%-34s %8s %22s %9s %9s  %s%n", "", "images", "read clearly (p>=0.9)", "mean top",
                "classes", "per class 0..9");
        print(c, "real test digits", real);
        print(c, "samples of " + model.getFileName(), generated);
        for (int t : starts) {
            float[][] back = ImageSampler.fromDiffusedImages(m, test, t, 1);
            print(c, String.format(Locale.ROOT, "test digits, to t = %d and back", t), DigitLegibility.of(judge, back));
        }
        c.out().printf(Locale.ROOT, "Samples: %,d drawn with seed 1 in %.0f s. A judge trained only on digits can still be "
                + "sure of a scribble: compare the two rows, not the samples' row with 100%%.%s%n", samples, sampleSeconds,
                starts.length == 0 ? "" : " Rows 'to t and back': the test digits, x_t drawn from q(x_t | x_0), then "
                        + "the model's steps t..1.");
        return 0;
    }

    private static void print(BenchCommand c, String label, DigitLegibility l) {
        c.out().printf(Locale.ROOT, "%-34s %8d %14.1f%% +/- %4.1f %9.3f %9.2f  %s%n", label, l.images(),
                100 * l.confidentFraction(), 100 * l.confidentStandardError(), l.meanTopProbability(),
                l.effectiveClasses(), Arrays.toString(l.classCounts()));
    }
}
