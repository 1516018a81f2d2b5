package org.diffusionlab.engine.binomial;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.diffusionlab.engine.Workspaces;
import org.diffusionlab.engine.model.FlatParameters;
import org.diffusionlab.engine.train.Budget;
import org.diffusionlab.engine.train.HistoryPoint;
import org.diffusionlab.engine.train.StepwiseTrainer;
import org.diffusionlab.engine.train.Optimizer;
import org.diffusionlab.engine.train.OptimizerKind;
import org.diffusionlab.engine.train.TrainingConfig;
import org.diffusionlab.engine.train.TrainingControl;
import org.diffusionlab.engine.train.TrainingDivergedException;
import org.diffusionlab.engine.train.TrainingLoop;
import org.diffusionlab.engine.train.TrainingStatus;
import org.nd4j.linalg.api.memory.MemoryWorkspace;

/**
 * Trains a binomial diffusion model by gradient ascent on the bound K with Adam. With T = 2000 the exact sum over t
 * per batch would be 2000 network passes per sequence, so each row of a batch gets its own t, stratified over 2..T
 * (row r of B in the r-th slice of the range), and the batch's KL is scaled by T - 1: an unbiased estimate of the sum.
 * The training curve tracks the full sum on a fixed {@link BoundSample}. Every ND4J array it owns is touched only by
 * the thread that calls {@link #step()} or {@link #run}; other threads get {@link BinomialSnapshot}s.
 */
public final class BinomialTrainer implements StepwiseTrainer<BinomialSnapshot> {

    private static final double BATCH_K_SMOOTHING = 0.05;

    private final BinomialConfig config;
    private final BinomialProcess process;
    private final BinomialNetwork net;
    private final FlatParameters grad;
    private final Optimizer optimizer;
    private final byte[][] sequences;
    private final Random rng;
    private final BoundSample holdout;
    private final List<HistoryPoint> history = new ArrayList<>();

    private volatile double learningRate;
    private volatile int batchSize;
    private volatile boolean annealing;
    private double learningRateFactor = 1;
    private long iteration;
    private double trainingSeconds;
    private double batchKBits = Double.NaN;
    private BoundEstimate holdoutEstimate;
    /** The factorised ceiling on the holdout's draws; computed once, when first asked for. */
    private BoundEstimate holdoutCeiling;
    private double recentItersPerSecond;
    /** The best parameters a run has seen, for when it diverges; see {@link TrainingLoop}. */
    private FlatParameters bestParameters;
    private TrainingStatus status = TrainingStatus.READY;
    private String message = "";

    /** A fresh run. */
    public BinomialTrainer(BinomialConfig config) {
        this(BinomialModel.untrained(config), List.of(), 0, 0);
    }

    /** Continues training a model (e.g. one loaded from a file) with its history. */
    public BinomialTrainer(BinomialModel model, List<HistoryPoint> pastHistory, long pastIterations, double pastSeconds) {
        this.config = model.config();
        this.process = model.process();
        this.net = model.network().copy();
        this.grad = net.parameters().zerosLike();
        this.optimizer = new Optimizer(OptimizerKind.ADAM, net.parameters().flat());
        this.sequences = config.sequences();
        this.rng = new Random(config.seed() * 0x9E3779B97F4A7C15L + 29 + pastIterations);
        this.holdout = BoundSample.draw(process, sequences, config.holdoutPerStep(), config.seed() ^ 0x5DEECE66DL);
        this.learningRate = config.learningRate();
        this.batchSize = config.batchSize();
        this.history.addAll(pastHistory);
        this.iteration = pastIterations;
        this.trainingSeconds = pastSeconds;
    }

    public BinomialConfig config() {
        return config;
    }

    public long iteration() {
        return iteration;
    }

    public double trainingSeconds() {
        return trainingSeconds;
    }

    public double learningRate() {
        return learningRate;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Takes effect at the next iteration; the model and optimiser state are kept. */
    @Override
    public void setLearningRate(double lr) {
        List<String> p = TrainingConfig.learningRateProblems(lr);
        if (!p.isEmpty()) {
            throw new IllegalArgumentException(p.get(0));
        }
        this.learningRate = lr;
    }

    /** Takes effect at the next iteration. */
    @Override
    public void setBatchSize(int size) {
        List<String> p = TrainingConfig.batchSizeProblems(size);
        if (!p.isEmpty()) {
            throw new IllegalArgumentException(p.get(0));
        }
        this.batchSize = size;
    }

    /** With a limited budget, lower the learning rate along a cosine to a tenth of it by the end (as the Gaussian trainer). */
    public void setAnnealing(boolean on) {
        this.annealing = on;
    }

    /** A copy of the current model. */
    public BinomialModel model() {
        return new BinomialModel(config, net.copy());
    }

    /**
     * One iteration: B rows (a random sequence, a stratified t, x_t ~ q(x_t | x_0)), one Adam step on (T - 1) times
     * the mean KL.
     *
     * @return the batch's estimate of K, bits per sequence
     * @throws TrainingDivergedException if the loss or a gradient is not finite; the parameters are left as they were
     */
    @Override
    public double step() {
        long start = System.nanoTime();
        int b = batchSize;
        int bins = sequences[0].length;
        int span = process.steps() - 1;
        int[] steps = new int[b];
        byte[] x0 = new byte[b * bins];
        byte[] xt = new byte[b * bins];
        byte[] row = new byte[bins];
        for (int r = 0; r < b; r++) {
            byte[] s = sequences[rng.nextInt(sequences.length)];
            steps[r] = 2 + Math.min(span - 1, (int) ((r + rng.nextDouble()) * span / b));
            System.arraycopy(s, 0, x0, r * bins, bins);
            process.sampleMarginal(s, steps[r], rng, row);
            System.arraycopy(row, 0, xt, r * bins, bins);
        }
        double[] kl = new double[b];
        double[] dz = new double[b * bins];
        double meanKl;
        try (MemoryWorkspace ws = Workspaces.open("binomial-step")) {
            BinomialNetwork.Forward f = net.forward(xt, steps);
            BoundSample.rowKl(process, config.parameterisation(), x0, xt, steps, f.z(), kl, dz);
            double sum = 0;
            for (double v : kl) {
                sum += v;
            }
            meanKl = sum / b;
            double scale = (double) span / b;
            boolean finite = Double.isFinite(meanKl);
            for (int i = 0; i < dz.length && finite; i++) {
                dz[i] *= scale;
                finite = Double.isFinite(dz[i]);
            }
            if (finite) {
                net.backward(f, dz, grad);
                finite = Double.isFinite(grad.flat().sumNumber().doubleValue());
            }
            if (!finite) {
                status = TrainingStatus.DIVERGED;
                message = "Training diverged at iteration " + (iteration + 1) + ": the bound or its gradient is not "
                        + "finite (the step was not taken)";
                throw new TrainingDivergedException(message);
            }
            optimizer.step(net.parameters().flat(), grad.flat(), learningRate * learningRateFactor);
        }
        iteration++;
        double kBits = Bernoulli.toBits(bins * process.entropyTermsPerBin() - span * meanKl);
        batchKBits = Double.isNaN(batchKBits) ? kBits : batchKBits + BATCH_K_SMOOTHING * (kBits - batchKBits);
        double seconds = (System.nanoTime() - start) / 1e9;
        trainingSeconds += seconds;
        recentItersPerSecond = recentItersPerSecond == 0 ? 1 / seconds : 0.9 * recentItersPerSecond + 0.1 / seconds;
        return kBits;
    }

    /** The full bound on the fixed holdout (exact over sequences and t, Monte-Carlo over x_t). */
    public BoundEstimate evaluateHoldout() {
        holdoutEstimate = holdout.estimate(net);
        return holdoutEstimate;
    }

    /** The bound of the optimal factorised kernel on the holdout's draws (the same for every model of this config). */
    public BoundEstimate holdoutCeiling() {
        if (holdoutCeiling == null) {
            holdoutCeiling = holdout.ceiling();
        }
        return holdoutCeiling;
    }

    /** Records the current state in the history (evaluating the holdout). */
    @Override
    public HistoryPoint record() {
        evaluateHoldout();
        HistoryPoint p = new HistoryPoint(iteration, trainingSeconds, batchKBits, holdoutEstimate.kBits());
        history.add(p);
        return p;
    }

    public List<HistoryPoint> history() {
        return List.copyOf(history);
    }

    public TrainingStatus status() {
        return status;
    }

    /** An immutable snapshot of the run now. */
    @Override
    public BinomialSnapshot snapshot() {
        return new BinomialSnapshot(config, status, message, iteration, trainingSeconds, recentItersPerSecond,
                batchKBits, holdoutEstimate, holdoutCeiling(), net.parameters().toDoubleArray(), history);
    }

    /**
     * Trains until the budget is spent or the control cancels, emitting a snapshot (with a history point) at most
     * every {@code snapshotIntervalMillis} and once at the end. Pauses block between iterations.
     *
     * @return the final snapshot (status FINISHED, CANCELLED or DIVERGED)
     */
    @Override
    public BinomialSnapshot run(Budget budget, TrainingControl control, long snapshotIntervalMillis, Consumer<BinomialSnapshot> listener)
            throws InterruptedException {
        return TrainingLoop.run(new LoopSteps(), budget, control, snapshotIntervalMillis, listener);
    }

    /** This trainer's state as the shared loop sees it. */
    private final class LoopSteps implements TrainingLoop.Steps<BinomialSnapshot> {
        @Override
        public long iteration() {
            return iteration;
        }

        @Override
        public double trainingSeconds() {
            return trainingSeconds;
        }

        @Override
        public boolean annealing() {
            return annealing;
        }

        @Override
        public void setLearningRateFactor(double factor) {
            learningRateFactor = factor;
        }

        @Override
        public TrainingStatus status() {
            return status;
        }

        @Override
        public void setStatus(TrainingStatus newStatus, String newMessage) {
            status = newStatus;
            message = newMessage;
        }

        @Override
        public void step() {
            BinomialTrainer.this.step();
        }

        @Override
        public void record() {
            BinomialTrainer.this.record();
        }

        @Override
        public BinomialSnapshot snapshot() {
            return BinomialTrainer.this.snapshot();
        }

        @Override
        public double holdoutKBits() {
            return holdoutEstimate.kBits();
        }

        @Override
        public double evaluateHoldout() {
            return BinomialTrainer.this.evaluateHoldout().kBits();
        }

        @Override
        public void keepBest() {
            if (bestParameters == null) {
                bestParameters = net.parameters().copy();
            } else {
                bestParameters.flat().assign(net.parameters().flat());
            }
        }

        @Override
        public void restoreBest() {
            net.parameters().flat().assign(bestParameters.flat());
        }
    }
}
