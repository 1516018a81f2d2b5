package org.diffusionlab.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.diffusionlab.data.Dataset;
import org.diffusionlab.engine.Workspaces;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.gaussian.GaussianBound;
import org.diffusionlab.engine.gaussian.GaussianMath;
import org.diffusionlab.engine.model.DiffusionMlp;
import org.diffusionlab.engine.model.FlatParameters;
import org.diffusionlab.engine.model.KernelParameterisation;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a Gaussian diffusion model by gradient ascent on the bound K (exact sum over t), optionally learning
 * beta_2..T as well (beta_1 stays fixed). Every ND4J array it owns is touched only by the thread that calls
 * {@link #step()} or {@link #run}; other threads get {@link Snapshot}s.
 */
public final class Trainer implements StepwiseTrainer<Snapshot> {

    /** Largest |logit(beta)| a learned beta may reach, so beta stays safely inside (0, 1). */
    private static final double MAX_ABS_LOGIT = 25;
    private static final double BATCH_K_SMOOTHING = 0.05;

    private final TrainingConfig config;
    private final Dataset data;
    private final DiffusionMlp net;
    private final FlatParameters grad;
    private final Optimizer optimizer;
    private final ScalarAdam betaOptimizer;
    private final double[] betaLogits;          // index t-1; only t >= 2 are learned
    /** The schedule as given when beta is not learned: kept exactly (logits would round its last bits). */
    private final BetaSchedule fixedSchedule;
    private final Random noiseRng;
    private final List<INDArray> holdoutChunks = new ArrayList<>();        // [chunk, d] each
    private final List<INDArray> holdoutNoiseChunks = new ArrayList<>();   // [T-1, chunk, d] each
    private final List<HistoryPoint> history = new ArrayList<>();

    private volatile double learningRate;
    private volatile boolean annealing;
    private volatile double annealFloor = TrainingLoop.DEFAULT_ANNEAL_FLOOR;
    private double learningRateFactor = 1;
    private volatile int batchSize;
    private long iteration;
    private double trainingSeconds;
    private double batchKBits = Double.NaN;
    private double holdoutKBits = Double.NaN;
    private double[] holdoutPerStepBits;
    private double recentItersPerSecond;
    /** The best parameters (and learned beta logits) a run has seen, for when it diverges; see {@link TrainingLoop}. */
    private FlatParameters bestParameters;
    private double[] bestBetaLogits;
    private TrainingStatus status = TrainingStatus.READY;
    private String message = "";

    /** A fresh run. */
    public Trainer(TrainingConfig config) {
        this(DiffusionModel.untrained(config), List.of(), 0, 0);
    }

    /**
     * A fresh run on explicit betas (a custom schedule); beta_1 is the config's, which stays fixed. With learned beta,
     * {@code schedule} is the starting point.
     */
    public Trainer(TrainingConfig config, BetaSchedule schedule) {
        this(DiffusionModel.untrained(config, schedule), List.of(), 0, 0);
    }

    /** Continues training a model (e.g. one loaded from a file) with its history. */
    public Trainer(DiffusionModel model, List<HistoryPoint> pastHistory, long pastIterations, double pastSeconds) {
        this(model, model.dataset(), pastHistory, pastIterations, pastSeconds);
    }

    /** Trains on another data source than the config names (tests; user-drawn data). */
    Trainer(DiffusionModel model, Dataset data, List<HistoryPoint> pastHistory, long pastIterations, double pastSeconds) {
        this.config = model.config();
        this.data = data;
        this.net = model.network().copy();
        this.grad = net.parameters().zerosLike();
        this.optimizer = new Optimizer(config.optimizer(), net.parameters().flat());
        BetaSchedule s = model.schedule();
        this.betaLogits = new double[s.steps()];
        for (int t = 1; t <= s.steps(); t++) {
            betaLogits[t - 1] = KernelParameterisation.logit(s.beta(t));
        }
        this.betaOptimizer = new ScalarAdam(s.steps());
        this.fixedSchedule = config.learnBeta() ? null : BetaSchedule.of(config.schedule(), s.withBeta1(config.beta1()).betas());
        this.learningRate = config.learningRate();
        this.batchSize = config.batchSize();
        this.noiseRng = new Random(config.seed() * 0x9E3779B97F4A7C15L + 17);
        // The holdout and its diffusion noise are fixed, so the holdout curve moves only when the model does.
        // It is cut into chunks once, so an evaluation never holds more than ~40k rows of activations.
        double[][] holdout = holdoutPoints(config, data);
        Random holdoutRng = new Random(config.seed() ^ 0x5DEECE66DL);
        int chunk = Math.max(1, 40_000 / Math.max(1, config.steps() - 1));
        for (int from = 0; from < holdout.length; from += chunk) {
            int to = Math.min(holdout.length, from + chunk);
            holdoutChunks.add(toArray(java.util.Arrays.copyOfRange(holdout, from, to)));
            holdoutNoiseChunks.add(GaussianBound.drawNoise(config.steps(), to - from, data.dims(), holdoutRng, DataType.FLOAT));
        }
        this.history.addAll(pastHistory);
        this.iteration = pastIterations;
        this.trainingSeconds = pastSeconds;
        this.holdoutPerStepBits = new double[config.steps() + 1];
    }

    /** The holdout points a config tracks (distinct from every training batch). */
    public static double[][] holdoutPoints(TrainingConfig config, Dataset data) {
        if (data instanceof org.diffusionlab.data.SwissRoll roll) {
            return roll.holdoutSet(config.holdoutSize(), config.seed());
        }
        return data.sample(config.holdoutSize(), ~config.seed());
    }

    private static INDArray toArray(double[][] points) {
        return Nd4j.createFromArray(points).castTo(DataType.FLOAT);
    }

    public TrainingConfig config() {
        return config;
    }

    public long iteration() {
        return iteration;
    }

    public double trainingSeconds() {
        return trainingSeconds;
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

    /** Takes effect at the next iteration; the model and optimiser state are kept. */
    @Override
    public void setBatchSize(int size) {
        List<String> p = TrainingConfig.batchSizeProblems(size);
        if (!p.isEmpty()) {
            throw new IllegalArgumentException(p.get(0));
        }
        this.batchSize = size;
    }

    /**
     * With annealing on, a run with a limited budget lowers the learning rate along a cosine from the set value to a
     * tenth of it at the end of the budget: large steps early, fine ones late (worth about a tenth of a bit on the
     * swiss roll). Unlimited runs keep the set rate.
     */
    public void setAnnealing(boolean on) {
        this.annealing = on;
    }

    /**
     * Where the annealing cosine ends, as a fraction of the set learning rate (default a tenth). The paper preset
     * anneals further, to a hundredth (measured on its setup: +0.02 bits at 8,000 iterations).
     */
    public void setAnnealFloor(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("The annealing floor must be a fraction in [0, 1], got " + fraction);
        }
        this.annealFloor = fraction;
    }

    public double annealFloor() {
        return annealFloor;
    }

    public double learningRate() {
        return learningRate;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The current schedule (learned or fixed). */
    public BetaSchedule schedule() {
        if (fixedSchedule != null) {
            return fixedSchedule;
        }
        double[] b = new double[betaLogits.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = KernelParameterisation.sigmoid(betaLogits[i]);
        }
        b[0] = config.beta1();
        return BetaSchedule.of(config.learnBeta() ? "learned" : config.schedule(), b);
    }

    /** A copy of the current model. */
    public DiffusionModel model() {
        return new DiffusionModel(config, schedule(), net.copy());
    }

    /**
     * One iteration: a fresh batch, every t = 2..T, one gradient step on the network (and on beta when learned).
     *
     * @return K on this batch in bits per point
     * @throws TrainingDivergedException if K or a gradient is not finite; the parameters are left as they were
     */
    @Override
    public double step() {
        long start = System.nanoTime();
        BetaSchedule s = schedule();
        int b = batchSize;
        GaussianBound.Result r;
        try (MemoryWorkspace ws = Workspaces.open("trainer-step")) {
            INDArray x0 = toArray(data.sample(b, config.seed() * 1_000_003L + iteration));
            INDArray noise = GaussianBound.drawNoise(config.steps(), b, data.dims(), noiseRng, DataType.FLOAT);
            r = GaussianBound.evaluateWithGradient(net, s, x0, noise, grad);
            double gradSum = grad.flat().sumNumber().doubleValue();
            if (!Double.isFinite(r.kNats()) || !Double.isFinite(gradSum) || !allFinite(r.lossGradBeta())) {
                status = TrainingStatus.DIVERGED;
                message = "Training diverged at iteration " + (iteration + 1) + ": K or its gradient became "
                        + (Double.isNaN(r.kNats()) || Double.isNaN(gradSum) ? "NaN" : "infinite")
                        + " (the step was not taken)";
                throw new TrainingDivergedException(message);
            }
            optimizer.step(net.parameters().flat(), grad.flat(), learningRate * learningRateFactor);
        }
        if (config.learnBeta()) {
            stepBetas(s, r.lossGradBeta());
        }
        iteration++;
        double kBits = r.kBits();
        batchKBits = Double.isNaN(batchKBits) ? kBits : batchKBits + BATCH_K_SMOOTHING * (kBits - batchKBits);
        double seconds = (System.nanoTime() - start) / 1e9;
        trainingSeconds += seconds;
        recentItersPerSecond = recentItersPerSecond == 0 ? 1 / seconds : 0.9 * recentItersPerSecond + 0.1 / seconds;
        return kBits;
    }

    private void stepBetas(BetaSchedule s, double[] lossGradBeta) {
        double[] g = new double[betaLogits.length];
        for (int t = 2; t <= s.steps(); t++) {
            double beta = s.beta(t);
            g[t - 1] = lossGradBeta[t - 1] * beta * (1 - beta);      // d beta / d logit
        }
        double[] before = betaLogits.clone();
        betaOptimizer.step(betaLogits, g, learningRate);
        betaLogits[0] = before[0];                                    // beta_1 is fixed
        for (int i = 0; i < betaLogits.length; i++) {
            betaLogits[i] = Math.max(-MAX_ABS_LOGIT, Math.min(MAX_ABS_LOGIT, betaLogits[i]));
        }
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /** K on the fixed holdout (same noise every time), bits per point; also updates the per-step terms. */
    public double evaluateHoldout() {
        BetaSchedule s = schedule();
        int n = config.holdoutSize();
        double kSum = 0;
        double[] perStep = new double[config.steps() + 1];
        for (int c = 0; c < holdoutChunks.size(); c++) {
            INDArray x0 = holdoutChunks.get(c);
            int rows = (int) x0.size(0);
            GaussianBound.Result r;
            try (MemoryWorkspace ws = Workspaces.open("trainer-holdout")) {
                r = GaussianBound.evaluate(net, s, x0, holdoutNoiseChunks.get(c), false);
            }
            kSum += r.kNats() * rows;
            double[] ps = r.perStepKlNats();
            for (int t = 0; t < ps.length; t++) {
                perStep[t] += ps[t] * rows;
            }
        }
        for (int t = 0; t < perStep.length; t++) {
            perStep[t] = GaussianMath.toBits(perStep[t] / n);
        }
        holdoutPerStepBits = perStep;
        holdoutKBits = GaussianMath.toBits(kSum / n);
        return holdoutKBits;
    }

    /** Records the current state in the history (evaluating the holdout). */
    @Override
    public HistoryPoint record() {
        evaluateHoldout();
        HistoryPoint p = new HistoryPoint(iteration, trainingSeconds, batchKBits, holdoutKBits);
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
    public Snapshot snapshot() {
        return new Snapshot(config, status, message, iteration, trainingSeconds, recentItersPerSecond, batchKBits,
                holdoutKBits, holdoutPerStepBits, schedule().betas(), net.parameters().toDoubleArray(), history);
    }

    /**
     * Trains until the budget is spent or the control cancels, emitting a snapshot (with a history point) at most
     * every {@code snapshotIntervalMillis} and once at the end. Pauses block between iterations.
     *
     * @return the final snapshot (status FINISHED, CANCELLED or DIVERGED)
     */
    @Override
    public Snapshot run(Budget budget, TrainingControl control, long snapshotIntervalMillis, Consumer<Snapshot> listener)
            throws InterruptedException {
        return TrainingLoop.run(new LoopSteps(), budget, control, snapshotIntervalMillis, listener);
    }

    /** This trainer's state as the shared loop sees it. */
    private final class LoopSteps implements TrainingLoop.Steps<Snapshot> {
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
        public double annealFloor() {
            return annealFloor;
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
            Trainer.this.step();
        }

        @Override
        public void record() {
            Trainer.this.record();
        }

        @Override
        public Snapshot snapshot() {
            return Trainer.this.snapshot();
        }

        @Override
        public double holdoutKBits() {
            return holdoutKBits;
        }

        @Override
        public double evaluateHoldout() {
            return Trainer.this.evaluateHoldout();
        }

        @Override
        public void keepBest() {
            if (bestParameters == null) {
                bestParameters = net.parameters().copy();
            } else {
                bestParameters.flat().assign(net.parameters().flat());
            }
            bestBetaLogits = betaLogits.clone();
        }

        @Override
        public void restoreBest() {
            net.parameters().flat().assign(bestParameters.flat());
            System.arraycopy(bestBetaLogits, 0, betaLogits, 0, betaLogits.length);
        }
    }
}
