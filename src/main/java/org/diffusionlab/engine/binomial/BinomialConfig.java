package org.diffusionlab.engine.binomial;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.diffusionlab.data.Heartbeat;
import org.diffusionlab.engine.train.TrainingConfig;

/**
 * Everything that defines a binomial-diffusion training run, validated on construction; the same config and seed give
 * the same model.
 *
 * @param dataset          data set name ("heartbeat")
 * @param steps            T (the paper: 2000), with beta_t = 1/(T - t + 1)
 * @param network          hidden layers as KIND:W[,W...] (see {@link BinomialArchitecture#parse})
 * @param bumps            J, the temporal bump functions
 * @param parameterisation how the network's output becomes the kernel
 * @param learningRate     Adam's step size
 * @param batchSize        rows (x_0, t, x_t) per iteration, t stratified over 2..T
 * @param seed             seed of every random choice
 * @param holdoutPerStep   draws of x_t per sequence and step in the fixed holdout the training curve tracks
 */
public record BinomialConfig(String dataset, int steps, String network, int bumps, Parameterisation parameterisation,
                             double learningRate, int batchSize, long seed, int holdoutPerStep) {

    public static final List<String> DATASETS = List.of(Heartbeat.NAME);

    public BinomialConfig {
        List<String> p = problems(dataset, steps, network, bumps, parameterisation, learningRate, batchSize, holdoutPerStep);
        if (!p.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", p));
        }
        dataset = dataset.toLowerCase(Locale.ROOT);
        network = architectureOf(network, bumps, parameterisation).layersText();
    }

    /**
     * The default heartbeat run: T = 2000 as in the paper, two tanh layers of 64 with 16 temporal bumps and the x_0
     * parameterisation (600 s of training reach K = -2.394 bits, 0.005 below the factorised ceiling; the paper's
     * 3 x 50 sigmoid layers are {@code sigmoid:50,50,50}).
     */
    public static BinomialConfig heartbeat() {
        return new BinomialConfig(Heartbeat.NAME, 2000, "tanh:64,64", 16, Parameterisation.X0, 3e-3, 512, 1, 4);
    }

    /** Every reason the values are refused (empty when valid), each naming the field and its range. */
    public static List<String> problems(String dataset, int steps, String network, int bumps, Parameterisation param,
                                        double learningRate, int batchSize, int holdoutPerStep) {
        List<String> p = new ArrayList<>();
        if (dataset == null || !DATASETS.contains(dataset.toLowerCase(Locale.ROOT))) {
            p.add("dataset must be one of " + DATASETS + ", got " + dataset);
        }
        if (steps < 2 || steps > 10_000) {
            p.add("T must be between 2 and 10000, got " + steps);
        }
        if (param == null) {
            p.add("parameterisation must be x0 or logit-offset");
        } else {
            try {
                architectureOf(network, Math.max(1, Math.min(bumps, BinomialArchitecture.MAX_BUMPS)), param);
            } catch (IllegalArgumentException e) {
                p.add(e.getMessage());
            }
        }
        if (bumps < 1 || bumps > BinomialArchitecture.MAX_BUMPS) {
            p.add("the number of temporal bumps must be 1 to " + BinomialArchitecture.MAX_BUMPS + ", got " + bumps);
        }
        p.addAll(TrainingConfig.learningRateProblems(learningRate));
        p.addAll(TrainingConfig.batchSizeProblems(batchSize));
        if (holdoutPerStep < 2 || holdoutPerStep > 1000) {
            p.add("holdout draws per step must be between 2 and 1000, got " + holdoutPerStep);
        }
        return p;
    }

    private static BinomialArchitecture architectureOf(String network, int bumps, Parameterisation param) {
        return BinomialArchitecture.parse(network, bumps, param);
    }

    public BinomialArchitecture architecture() {
        return architectureOf(network, bumps, parameterisation);
    }

    public BinomialProcess process() {
        return BinomialProcess.paper(steps);
    }

    /** The data set's sequences (all equally likely). */
    public byte[][] sequences() {
        return Heartbeat.sequences();
    }

    public BinomialConfig withSeed(long s) {
        return new BinomialConfig(dataset, steps, network, bumps, parameterisation, learningRate, batchSize, s, holdoutPerStep);
    }

    public BinomialConfig withSteps(int t) {
        return new BinomialConfig(dataset, t, network, bumps, parameterisation, learningRate, batchSize, seed, holdoutPerStep);
    }

    public BinomialConfig withNetwork(String layers, int j, Parameterisation param) {
        return new BinomialConfig(dataset, steps, layers, j, param, learningRate, batchSize, seed, holdoutPerStep);
    }

    public BinomialConfig withOptimizer(double lr, int batch) {
        return new BinomialConfig(dataset, steps, network, bumps, parameterisation, lr, batch, seed, holdoutPerStep);
    }

    public BinomialConfig withHoldoutPerStep(int draws) {
        return new BinomialConfig(dataset, steps, network, bumps, parameterisation, learningRate, batchSize, seed, draws);
    }
}
