package org.diffusionlab.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.diffusionlab.engine.model.KernelForm;
import org.diffusionlab.engine.model.MlpArchitecture;
import org.diffusionlab.engine.schedule.BetaSchedule;

/**
 * Everything that defines a training run, validated on construction: the same config and seed give the same numbers.
 *
 * @param dataset       data set name ("swissroll", "moons", "gaussians8", "ring", or a user data set's id)
 * @param noiseStd      noise added to the data, raw units (0 = the paper's noise-free roll)
 * @param steps         T, the number of diffusion steps
 * @param schedule      base schedule name: released, linear, cosine, constant, binomial; or custom (the betas are
 *                      carried by the model, see {@link #CUSTOM})
 * @param beta1         beta_1, fixed during training
 * @param architecture  network preset name (see {@link MlpArchitecture#presetNames()})
 * @param optimizer     optimiser
 * @param learningRate  optimiser step size
 * @param batchSize     data points per iteration (each is diffused to every t = 2..T)
 * @param seed          seed of every random choice
 * @param learnBeta     learn beta_2..T by gradient ascent on K, as the paper does
 * @param holdoutSize   size of the fixed holdout on which K is tracked during training
 * @param covariance    the reverse kernel's covariance form: diagonal (the paper's) or full (2-D data, beyond the paper)
 */
public record TrainingConfig(String dataset, double noiseStd, int steps, String schedule, double beta1,
                             String architecture, OptimizerKind optimizer, double learningRate, int batchSize,
                             long seed, boolean learnBeta, int holdoutSize, KernelForm covariance) {

    public static final List<String> SCHEDULES = List.of("released", "linear", "cosine", "constant", "binomial");
    /**
     * The schedule name of a run on explicit betas (edited in the Schedule pane, read from a CSV): the config cannot
     * rebuild them, so they travel with the model ({@link org.diffusionlab.engine.gaussian.DiffusionModel#schedule()},
     * saved in the model file) and a fresh run needs them given ({@code new Trainer(config, schedule)}).
     */
    public static final String CUSTOM = "custom";
    /** The built-in data sets; user data sets ("user-" and a fingerprint, see data.UserData) are valid too. */
    public static final List<String> DATASETS = org.diffusionlab.data.Datasets.BUILT_IN;

    public TrainingConfig {
        List<String> problems = problems(dataset, noiseStd, steps, schedule, beta1, architecture, optimizer,
                learningRate, batchSize, holdoutSize);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        if (covariance == null) {
            throw new IllegalArgumentException("covariance must be diagonal or full");
        }
        dataset = dataset.toLowerCase(Locale.ROOT);
        schedule = schedule.toLowerCase(Locale.ROOT);
        architecture = architecture.toLowerCase(Locale.ROOT);
    }

    /** A run with the paper's diagonal kernel. */
    public TrainingConfig(String dataset, double noiseStd, int steps, String schedule, double beta1, String architecture,
                          OptimizerKind optimizer, double learningRate, int batchSize, long seed, boolean learnBeta,
                          int holdoutSize) {
        this(dataset, noiseStd, steps, schedule, beta1, architecture, optimizer, learningRate, batchSize, seed,
                learnBeta, holdoutSize, KernelForm.DIAGONAL);
    }

    /** The default run: noisy swiss roll, T = 40, the released code's schedule, learned beta, the fast network. */
    public static TrainingConfig defaults() {
        return new TrainingConfig("swissroll", 0.1, 40, "released", BetaSchedule.RELEASED_BETA_1, "default",
                OptimizerKind.ADAM, 1e-2, 128, 1, true, 2000);
    }

    /** The setup under which we compare with the paper's Table 1: noise-free roll, beta_1 = 1e-5, T = 40, learned beta. */
    public static TrainingConfig paper() {
        return new TrainingConfig("swissroll", 0.0, 40, "released", 1e-5, "large",
                OptimizerKind.ADAM, 3e-2, 128, 1, true, 2000);
    }

    /** A preset by name ("default" or "paper"). */
    public static TrainingConfig preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "default" -> defaults();
            case "paper" -> paper();
            default -> throw new IllegalArgumentException("Unknown preset '" + name + "'; choose default or paper");
        };
    }

    /**
     * Where a preset's learning rate ends its annealing cosine, as a fraction of the set rate: a tenth for the default
     * run; a hundredth for the paper setup, whose bound still gains from finer late steps (measured: +0.02 bits at
     * 8,000 iterations over a tenth).
     */
    public static double presetAnnealFloor(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "default" -> TrainingLoop.DEFAULT_ANNEAL_FLOOR;
            case "paper" -> 0.01;
            default -> throw new IllegalArgumentException("Unknown preset '" + name + "'; choose default or paper");
        };
    }

    /** Every reason the given values are refused (empty when they are valid), each naming the field and range. */
    public static List<String> problems(String dataset, double noiseStd, int steps, String schedule, double beta1,
                                        String architecture, OptimizerKind optimizer, double learningRate,
                                        int batchSize, int holdoutSize) {
        List<String> p = new ArrayList<>();
        if (!org.diffusionlab.data.Datasets.isValidName(dataset)) {
            p.add("dataset must be one of " + DATASETS + " or user data, got " + dataset);
        }
        if (!(noiseStd >= 0 && noiseStd <= 5)) {
            p.add("noise must be between 0 and 5 (raw units), got " + noiseStd);
        }
        if (steps < 2 || steps > 1000) {
            p.add("T must be between 2 and 1000, got " + steps);
        }
        if (schedule == null || !(SCHEDULES.contains(schedule.toLowerCase(Locale.ROOT))
                || CUSTOM.equalsIgnoreCase(schedule))) {
            p.add("schedule must be one of " + SCHEDULES + " (or custom), got " + schedule);
        }
        if (!(beta1 > 0 && beta1 < 0.5)) {
            p.add("beta_1 must be in (0, 0.5), got " + beta1);
        }
        if (architecture == null || !MlpArchitecture.isValid(architecture)) {
            p.add("architecture must be one of " + MlpArchitecture.presetNames()
                    + " or kind:width,width[+bias][+local], got " + architecture);
        }
        if (optimizer == null) {
            p.add("optimizer must be one of ADAM, RMSPROP");
        }
        p.addAll(learningRateProblems(learningRate));
        p.addAll(batchSizeProblems(batchSize));
        if (holdoutSize < 10 || holdoutSize > 1_000_000) {
            p.add("holdout size must be between 10 and 1000000, got " + holdoutSize);
        }
        return p;
    }

    /** Why a learning rate is refused (empty if valid): it must be in (0, 1]. */
    public static List<String> learningRateProblems(double learningRate) {
        return learningRate > 0 && learningRate <= 1 && Double.isFinite(learningRate)
                ? List.of() : List.of("learning rate must be in (0, 1], got " + learningRate);
    }

    /** Why a batch size is refused (empty if valid): 1 to 65536 points. */
    public static List<String> batchSizeProblems(int batchSize) {
        return batchSize >= 1 && batchSize <= 65536
                ? List.of() : List.of("batch size must be between 1 and 65536 points, got " + batchSize);
    }

    /** True when the betas are explicit ({@link #CUSTOM}) rather than a preset this config can rebuild. */
    public boolean hasCustomSchedule() {
        return CUSTOM.equals(schedule);
    }

    /** The base schedule this config starts from (before any learning); not for {@link #CUSTOM}. */
    public BetaSchedule baseSchedule() {
        return switch (schedule) {
            case "released" -> BetaSchedule.releasedDefault(steps, beta1);
            case "linear" -> BetaSchedule.linear(steps, beta1, Math.min(0.5, 20.0 / steps));
            case "cosine" -> BetaSchedule.cosine(steps, beta1);
            case "constant" -> BetaSchedule.constant(steps, Math.min(0.5, 4.0 / steps), beta1);
            case "binomial" -> BetaSchedule.binomial(steps).withBeta1(beta1);
            case CUSTOM -> throw new IllegalStateException("A custom schedule has no preset values: its betas come "
                    + "with the model (or give them to the trainer)");
            default -> throw new IllegalStateException(schedule);
        };
    }

    public TrainingConfig withCovariance(KernelForm form) {
        return new TrainingConfig(dataset, noiseStd, steps, schedule, beta1, architecture, optimizer, learningRate,
                batchSize, seed, learnBeta, holdoutSize, form);
    }

    public MlpArchitecture mlpArchitecture() {
        return MlpArchitecture.preset(architecture);
    }

    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(dataset, noiseStd, steps, schedule, beta1, architecture, optimizer, learningRate,
                batchSize, newSeed, learnBeta, holdoutSize, covariance);
    }

    public TrainingConfig withLearnBeta(boolean learn) {
        return new TrainingConfig(dataset, noiseStd, steps, schedule, beta1, architecture, optimizer, learningRate,
                batchSize, seed, learn, holdoutSize, covariance);
    }

    public TrainingConfig withSteps(int newSteps) {
        return new TrainingConfig(dataset, noiseStd, newSteps, schedule, beta1, architecture, optimizer, learningRate,
                batchSize, seed, learnBeta, holdoutSize, covariance);
    }

    public TrainingConfig withSchedule(String newSchedule) {
        return new TrainingConfig(dataset, noiseStd, steps, newSchedule, beta1, architecture, optimizer, learningRate,
                batchSize, seed, learnBeta, holdoutSize, covariance);
    }

    public TrainingConfig withArchitecture(String newArchitecture) {
        return new TrainingConfig(dataset, noiseStd, steps, schedule, beta1, newArchitecture, optimizer, learningRate,
                batchSize, seed, learnBeta, holdoutSize, covariance);
    }

    public TrainingConfig withOptimizer(OptimizerKind newOptimizer, double newLearningRate, int newBatchSize) {
        return new TrainingConfig(dataset, noiseStd, steps, schedule, beta1, architecture, newOptimizer,
                newLearningRate, newBatchSize, seed, learnBeta, holdoutSize, covariance);
    }

    public TrainingConfig withData(double newNoiseStd, double newBeta1) {
        return new TrainingConfig(dataset, newNoiseStd, steps, schedule, newBeta1, architecture, optimizer,
                learningRate, batchSize, seed, learnBeta, holdoutSize, covariance);
    }

    public TrainingConfig withDataset(String newDataset) {
        return new TrainingConfig(newDataset, noiseStd, steps, schedule, beta1, architecture, optimizer, learningRate,
                batchSize, seed, learnBeta, holdoutSize, covariance);
    }

    public TrainingConfig withHoldoutSize(int size) {
        return new TrainingConfig(dataset, noiseStd, steps, schedule, beta1, architecture, optimizer, learningRate,
                batchSize, seed, learnBeta, size, covariance);
    }
}
