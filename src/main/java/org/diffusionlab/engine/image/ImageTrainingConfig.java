package org.diffusionlab.engine.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.diffusionlab.engine.schedule.BetaSchedule;

/**
 * The settings of an image-model run, validated. The schedule is fixed (not learned, unlike the swiss roll): linear
 * from beta_1 to beta_T = 16/T - beta_1 (so abar_T is about e^-8 and x_T is noise), the released code's
 * 1/linspace(T, 2, T), or cosine.
 *
 * @param holdoutSize images in the fixed holdout on which K is reported during training
 * @param tSampling   how each image's t is drawn for the bound's estimator: "uniform" on 2..T, or "importance"
 *                    (in proportion to the root mean square of each t's recent terms; see {@link StepSampler})
 * @param weighting   what the gradient ascends: "bound" (K itself, the paper) or "noise" (each step's KL term
 *                    reweighted so that every t counts its noise-prediction error equally; see {@link StepWeighting})
 */
public record ImageTrainingConfig(String dataset, int size, int steps, String schedule, double beta1,
                                  ConvArchitecture architecture, double learningRate, int batchSize, long seed,
                                  int holdoutSize, String tSampling, String weighting) {

    public static final List<String> SCHEDULES = List.of("linear", "released", "cosine");
    public static final List<String> T_SAMPLINGS = List.of(StepSampler.UNIFORM, StepSampler.IMPORTANCE);
    public static final List<String> WEIGHTINGS = List.of(StepWeighting.BOUND, StepWeighting.NOISE);

    /** Settings with t drawn uniformly (as every model before importance sampling was trained). */
    public ImageTrainingConfig(String dataset, int size, int steps, String schedule, double beta1,
                               ConvArchitecture architecture, double learningRate, int batchSize, long seed,
                               int holdoutSize) {
        this(dataset, size, steps, schedule, beta1, architecture, learningRate, batchSize, seed, holdoutSize,
                StepSampler.UNIFORM, StepWeighting.BOUND);
    }

    /** Settings that ascend the bound itself (as every model before the noise weighting was trained). */
    public ImageTrainingConfig(String dataset, int size, int steps, String schedule, double beta1,
                               ConvArchitecture architecture, double learningRate, int batchSize, long seed,
                               int holdoutSize, String tSampling) {
        this(dataset, size, steps, schedule, beta1, architecture, learningRate, batchSize, seed, holdoutSize,
                tSampling, StepWeighting.BOUND);
    }

    public ImageTrainingConfig {
        List<String> problems = problems(size, steps, schedule, beta1, learningRate, batchSize, holdoutSize);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        architecture.checkImageSize(size);
        schedule = schedule.toLowerCase(Locale.ROOT);
        tSampling = tSampling == null ? StepSampler.UNIFORM : tSampling.toLowerCase(Locale.ROOT);
        if (!T_SAMPLINGS.contains(tSampling)) {
            throw new IllegalArgumentException("t sampling must be one of " + String.join(", ", T_SAMPLINGS) + ", got " + tSampling);
        }
        weighting = weighting == null ? StepWeighting.BOUND : weighting.toLowerCase(Locale.ROOT);
        if (!WEIGHTINGS.contains(weighting)) {
            throw new IllegalArgumentException("the weighting must be one of " + String.join(", ", WEIGHTINGS) + ", got " + weighting);
        }
    }

    /**
     * The defaults for a data set: 28 x 28, T = 200, beta_1 = 1e-3, the default network, Adam lr 3e-3, batch 32, and a
     * 16-image holdout for the progress figure (the exact sum over t costs T - 1 passes per image; `evaluate` uses more).
     */
    public static ImageTrainingConfig defaults(String dataset) {
        return new ImageTrainingConfig(dataset, 28, 200, "linear", 1e-3, ConvArchitecture.DEFAULT, 3e-3, 32, 1, 16);
    }

    /** Every reason the values are refused (empty when they are fine). */
    public static List<String> problems(int size, int steps, String schedule, double beta1, double learningRate,
                                        int batchSize, int holdoutSize) {
        List<String> p = new ArrayList<>();
        if (size < 8 || size > 128) {
            p.add("image size must be 8 to 128 pixels, got " + size);
        }
        if (steps < 2 || steps > 5000) {
            p.add("T must be 2 to 5000, got " + steps);
        }
        if (schedule == null || !SCHEDULES.contains(schedule.toLowerCase(Locale.ROOT))) {
            p.add("schedule must be one of " + String.join(", ", SCHEDULES) + ", got " + schedule);
        }
        if (!(beta1 > 0 && beta1 < 0.5)) {
            p.add("beta_1 must be in (0, 0.5), got " + beta1);
        } else if (steps >= 2 && 16.0 / steps - beta1 <= beta1 && "linear".equalsIgnoreCase(schedule)) {
            p.add("with T = " + steps + " a linear schedule needs beta_1 below " + (8.0 / steps));
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            p.add("learning rate must be in (0, 1], got " + learningRate);
        }
        if (batchSize < 1 || batchSize > 4096) {
            p.add("batch size must be 1 to 4096 images, got " + batchSize);
        }
        if (holdoutSize < 1 || holdoutSize > 10_000) {
            p.add("holdout size must be 1 to 10000 images, got " + holdoutSize);
        }
        return p;
    }

    /** The diffusion schedule these settings name. */
    public BetaSchedule betaSchedule() {
        return switch (schedule) {
            case "released" -> BetaSchedule.releasedDefault(steps, beta1);
            case "cosine" -> BetaSchedule.cosine(steps, beta1);
            default -> BetaSchedule.linear(steps, beta1, Math.min(0.5, 16.0 / steps - beta1));
        };
    }

    public ImageTrainingConfig withDataset(String d, int s) {
        return new ImageTrainingConfig(d, s, steps, schedule, beta1, architecture, learningRate, batchSize, seed, holdoutSize, tSampling, weighting);
    }

    public ImageTrainingConfig withDiffusion(int t, String sched, double b1) {
        return new ImageTrainingConfig(dataset, size, t, sched, b1, architecture, learningRate, batchSize, seed, holdoutSize, tSampling, weighting);
    }

    public ImageTrainingConfig withArchitecture(ConvArchitecture a) {
        return new ImageTrainingConfig(dataset, size, steps, schedule, beta1, a, learningRate, batchSize, seed, holdoutSize, tSampling, weighting);
    }

    public ImageTrainingConfig withOptimiser(double lr, int batch, long s, int holdout) {
        return new ImageTrainingConfig(dataset, size, steps, schedule, beta1, architecture, lr, batch, s, holdout, tSampling, weighting);
    }

    public ImageTrainingConfig withTSampling(String sampling) {
        return new ImageTrainingConfig(dataset, size, steps, schedule, beta1, architecture, learningRate, batchSize, seed,
                holdoutSize, sampling, weighting);
    }

    public ImageTrainingConfig withWeighting(String w) {
        return new ImageTrainingConfig(dataset, size, steps, schedule, beta1, architecture, learningRate, batchSize, seed,
                holdoutSize, tSampling, w);
    }
}
