package org.diffusionlab.engine.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.diffusionlab.data.ImageDataset;
import org.diffusionlab.engine.Workspaces;
import org.diffusionlab.engine.gaussian.GaussianBound;
import org.diffusionlab.engine.gaussian.GaussianMath;
import org.diffusionlab.engine.model.FlatParameters;
import org.diffusionlab.engine.train.Budget;
import org.diffusionlab.engine.train.DivergenceWatch;
import org.diffusionlab.engine.train.Optimizer;
import org.diffusionlab.engine.train.OptimizerKind;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains an image model by gradient ascent on the bound K with one sampled t per image, the bound's unbiased
 * estimator: for t uniform on 2..T, (T - 1) KL_t estimates the sum of the KL terms (KL_t / p(t) when t is
 * importance-sampled, see {@link StepSampler}). Adam; with a limited budget the
 * learning rate falls along a cosine to a tenth. Runs on the calling thread; the same settings, seed and iteration
 * count give the same model.
 */
public final class ImageTrainer {

    /** Images used to fix the data's mean and deviation. */
    static final int SCALE_SAMPLE = 2048;

    /** One point of the training curve; K in bits per pixel (NaN when not measured). */
    public record HistoryPoint(long iteration, double seconds, double batchKBits, double holdoutKBits) {
    }

    /** What a listener sees. */
    public record Progress(long iteration, double seconds, double batchKBits, double holdoutKBits,
                           double iterationsPerSecond, double fractionDone) {
    }

    private final ImageDataset data;
    private final ImageDiffusionModel model;
    private final FlatParameters grad;
    private final Optimizer optimizer;
    private final Random rng;
    private final StepSampler stepSampler;
    private final StepWeighting stepWeighting;
    private final INDArray holdout;
    private final List<HistoryPoint> history = new ArrayList<>();
    private long iteration;
    private double trainingSeconds;
    private double batchKEma = Double.NaN;
    private double lastHoldoutK = Double.NaN;
    private String divergedMessage;
    /** The exponential moving average of the parameters (null unless {@link #averageWeights} was called). */
    private FlatParameters average;
    private double averageDecay;
    private long averagedSteps;

    public ImageTrainer(ImageTrainingConfig config, ImageDataset data) {
        this(config, data, null);
    }

    /**
     * A run that starts from a saved model's weights, data scale, iteration count and history (fine-tuning, e.g. with
     * another weighting or learning rate) when {@code start} is not null. Its network and diffusion must be the
     * config's.
     */
    public ImageTrainer(ImageTrainingConfig config, ImageDataset data, SavedImageModel start) {
        if (data.size() != config.size()) {
            throw new IllegalArgumentException("The data are " + data.size() + " pixels square, the settings say " + config.size());
        }
        this.data = data;
        this.rng = new Random(config.seed());
        this.stepSampler = new StepSampler(config.steps(), config.tSampling());
        if (start == null) {
            this.model = untrainedModel(config, data);
        } else {
            ImageDiffusionModel m = start.model();
            String mismatch = startMismatch(config, m.config());
            if (mismatch != null) {
                throw new IllegalArgumentException("The starting model does not match the settings: " + mismatch);
            }
            ImageNetwork network = config.architecture().stepBiases() && !m.network().architecture().stepBiases()
                    ? m.network().withStepBiases() : m.network().copy();
            this.model = new ImageDiffusionModel(config, m.schedule(), network, m.dataMean(), m.dataStd(), m.eightBit());
            this.iteration = start.iterations();
            this.trainingSeconds = start.trainingSeconds();
            this.history.addAll(start.history());
        }
        this.stepWeighting = StepWeighting.of(config.weighting(), model.schedule());
        this.grad = model.network().parameters().zerosLike();
        this.optimizer = new Optimizer(OptimizerKind.ADAM, model.network().parameters().flat());
        this.holdout = heldOut(model, data, config.holdoutSize());
    }

    /** A fresh model whose data scale (one mean and deviation for all pixels) is measured on training images. */
    private static ImageDiffusionModel untrainedModel(ImageTrainingConfig config, ImageDataset data) {
        float[][] sample = data.training(SCALE_SAMPLE, new Random(config.seed() ^ 0x5CA1EL));
        if (data.eightBit()) {
            ImageDataset.dequantise(sample, new Random(config.seed() ^ 0xDE0L));
        }
        double sum = 0, sumSq = 0;
        long count = 0;
        for (float[] img : sample) {
            for (float v : img) {
                sum += v;
                sumSq += (double) v * v;
                count++;
            }
        }
        double mean = sum / count;
        double std = Math.sqrt(Math.max(sumSq / count - mean * mean, 1e-12));
        return ImageDiffusionModel.untrained(config, mean, std, data.eightBit());
    }

    /** What differs between a run's settings and its starting model's, or null. */
    static String startMismatch(ImageTrainingConfig run, ImageTrainingConfig start) {
        if (!run.dataset().equals(start.dataset())) {
            return "data set " + start.dataset() + ", not " + run.dataset();
        }
        if (run.size() != start.size()) {
            return "image size " + start.size() + ", not " + run.size();
        }
        if (!canStartFrom(run.architecture(), start.architecture())) {
            return "network " + start.architecture() + ", not " + run.architecture();
        }
        if (run.steps() != start.steps() || !run.schedule().equals(start.schedule()) || run.beta1() != start.beta1()) {
            return "diffusion T = " + start.steps() + ", " + start.schedule() + " from beta_1 = " + start.beta1()
                    + ", not T = " + run.steps() + ", " + run.schedule() + " from " + run.beta1();
        }
        return null;
    }

    /**
     * Whether a run of network {@code run} can start from a model of network {@code start}: the same network, or the
     * same with step-dependent biases added (they start at zero, so the run starts from the same function).
     */
    public static boolean canStartFrom(ConvArchitecture run, ConvArchitecture start) {
        return run.equals(start) || run.equals(start.withStepBiases(true));
    }

    /** The first n held-out images of a data set in the model's space (dequantised with a fixed seed). */
    public static INDArray heldOut(ImageDiffusionModel model, ImageDataset data, int n) {
        int count = Math.min(n, data.holdoutCount());
        float[][] images = data.holdout(count);
        if (data.eightBit()) {
            ImageDataset.dequantise(images, new Random(0xB0D5L));
        }
        return model.toModelSpace(images);
    }

    public ImageDiffusionModel model() {
        return model;
    }

    public long iteration() {
        return iteration;
    }

    public double trainingSeconds() {
        return trainingSeconds;
    }

    public List<HistoryPoint> history() {
        return List.copyOf(history);
    }

    /**
     * From now on, also keep an exponential moving average of the parameters, updated after every iteration:
     * avg = d avg + (1 - d) params with d = min(decay, (1 + n) / (10 + n)) after n updates, so the first iterations'
     * random weights fade quickly. Averaged weights are the usual remedy for the last iterations' noise in the
     * samples (Ho et al. 2020 sample from them); the bound says whether they are better here.
     */
    public void averageWeights(double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("The average's decay must be in [0, 1), got " + decay);
        }
        averageDecay = decay;
        averagedSteps = 0;
        average = model.network().parameters().copy();
    }

    /** A copy of the model with the averaged parameters, or null when no average is kept. */
    public ImageDiffusionModel averagedModel() {
        if (average == null) {
            return null;
        }
        ImageDiffusionModel m = model.copy();
        m.network().parameters().flat().assign(average.flat());
        return m;
    }

    private void updateAverage() {
        double d = Math.min(averageDecay, (1.0 + averagedSteps) / (10.0 + averagedSteps));
        averagedSteps++;
        INDArray params = model.network().parameters().flat();
        average.flat().muli(d).addi(params.mul(1 - d));
    }

    /** Why training stopped early, or null. */
    public String divergedMessage() {
        return divergedMessage;
    }

    /**
     * One iteration at the given learning rate; returns the batch's estimate of K, bits per pixel.
     */
    public double step(double learningRate) {
        ImageTrainingConfig c = model.config();
        int b = c.batchSize();
        int steps = c.steps();
        int p = model.pixels();
        float[][] images = data.training(b, rng);
        if (data.eightBit()) {
            ImageDataset.dequantise(images, rng);
        }
        int[] t = new int[b];
        double[] scales = new double[b];
        for (int i = 0; i < b; i++) {
            t[i] = stepSampler.sample(rng);
            // Loss: nats per pixel, the mean over the batch of (T - 1) KL_t u(t) v(t) / P, with the sampler's weight
            // u(t) = 1/((T - 1) p(t)) and the objective's weight v(t) (1 for the bound itself).
            scales[i] = (steps - 1.0) * stepSampler.weight(t[i]) * stepWeighting.weight(t[i]) / ((double) b * p);
        }
        double klMean;
        try (MemoryWorkspace ws = Workspaces.open("image-train")) {
            INDArray x0 = model.toModelSpace(images);
            INDArray noise = ImageBound.gaussian(rng, b, p);
            double[] kl = model.kernel().klPerImage(x0, t, noise, grad, scales);
            double s = 0;
            for (int i = 0; i < b; i++) {
                s += kl[i] * stepSampler.weight(t[i]);
            }
            klMean = s / b;
            for (int i = 0; i < b; i++) {
                stepSampler.record(t[i], kl[i] * stepWeighting.weight(t[i]));   // importance follows the objective's terms
            }
            if (!Double.isFinite(klMean) || !Double.isFinite(grad.flat().sumNumber().doubleValue())) {
                throw new IllegalStateException("diverged");
            }
            optimizer.step(model.network().parameters().flat(), grad.flat(), learningRate);
            if (average != null) {
                updateAverage();
            }
        }
        iteration++;
        double entropy = GaussianBound.entropyTerms(model.schedule(), p);
        return GaussianMath.toBits(-(steps - 1) * klMean + entropy) / p;
    }

    /** K on the fixed holdout, bits per pixel (exact sum over t). */
    public ImageBound.Result evaluateHoldout(BooleanSupplier cancelled) {
        ImageBound.Result r = ImageBound.evaluate(model.kernel(), holdout, 0x401DL, cancelled);
        lastHoldoutK = r.kBits();
        return r;
    }

    /** K of the averaged parameters on the same holdout, bits per pixel (see {@link #averageWeights}). */
    public ImageBound.Result evaluateAveragedHoldout() {
        ImageDiffusionModel m = averagedModel();
        if (m == null) {
            throw new IllegalStateException("No average of the weights is kept");
        }
        return ImageBound.evaluate(m.kernel(), holdout, 0x401DL, null);
    }

    /**
     * Trains until the budget is spent or {@code cancelled} says stop. The holdout K is measured every
     * {@code evalSeconds} of training (its time not counted) and the listener told after each measurement and every
     * {@code reportSeconds}. The run diverges when a step's loss is not finite, or a holdout K is not finite or falls
     * more than {@link DivergenceWatch#IMAGE_FALL_BITS_PER_PIXEL} bit per pixel below the best; it then stops with the
     * best parameters seen (by holdout K; the starting ones until a measurement beats them), see
     * {@link #divergedMessage()}.
     */
    public void run(Budget budget, BooleanSupplier cancelled, double reportSeconds, double evalSeconds,
                    Consumer<Progress> listener) {
        long startIteration = iteration;
        double startSeconds = trainingSeconds;
        double lastReport = trainingSeconds;
        double lastEval = trainingSeconds;
        FlatParameters best = model.network().parameters().copy();
        DivergenceWatch watch = new DivergenceWatch(DivergenceWatch.IMAGE_FALL_BITS_PER_PIXEL, "bits per pixel");
        watch.start(iteration);
        while (!budget.exhausted(iteration - startIteration, trainingSeconds - startSeconds) && !cancelled.getAsBoolean()) {
            double done = budget.fractionDone(iteration - startIteration, trainingSeconds - startSeconds);
            double factor = budget.isLimited() ? 0.1 + 0.45 * (1 + Math.cos(Math.PI * done)) : 1;
            long t0 = System.nanoTime();
            double k;
            try {
                k = step(model.config().learningRate() * factor);
            } catch (IllegalStateException e) {
                goBackToBest(best, watch, "Training diverged at iteration " + (iteration + 1)
                        + ": the loss became infinite or NaN");
                break;
            }
            trainingSeconds += (System.nanoTime() - t0) / 1e9;
            batchKEma = Double.isNaN(batchKEma) ? k : 0.98 * batchKEma + 0.02 * k;
            boolean eval = trainingSeconds - lastEval >= evalSeconds;
            if (eval) {
                evaluateHoldout(null);
                lastEval = trainingSeconds;
                if (!judge(best, watch)) {
                    break;
                }
            }
            if (eval || trainingSeconds - lastReport >= reportSeconds) {
                history.add(new HistoryPoint(iteration, trainingSeconds, batchKEma, eval ? lastHoldoutK : Double.NaN));
                listener.accept(progress(budget, startIteration, startSeconds));
                lastReport = trainingSeconds;
            }
        }
        evaluateHoldout(null);
        if (divergedMessage == null && !judge(best, watch)) {
            evaluateHoldout(null);                  // the curve ends at the parameters the run keeps
        }
        history.add(new HistoryPoint(iteration, trainingSeconds, batchKEma, lastHoldoutK));
        listener.accept(progress(budget, startIteration, startSeconds));
    }

    /** Judges the last holdout K; remembers the best parameters, or goes back to them and returns false. */
    private boolean judge(FlatParameters best, DivergenceWatch watch) {
        switch (watch.observe(iteration, lastHoldoutK)) {
            case BEST -> best.flat().assign(model.network().parameters().flat());
            case DIVERGED -> {
                goBackToBest(best, watch, "Training diverged: " + watch.reason());
                return false;
            }
            default -> {
                // below the best by less than the threshold: an honest run's noise
            }
        }
        return true;
    }

    private void goBackToBest(FlatParameters best, DivergenceWatch watch, String cause) {
        model.network().parameters().flat().assign(best.flat());
        if (average != null && !Double.isFinite(average.flat().sumNumber().doubleValue())) {
            average.flat().assign(best.flat());
        }
        divergedMessage = cause + "; " + watch.keptClause() + ". Try a smaller learning rate.";
    }

    private Progress progress(Budget budget, long startIteration, double startSeconds) {
        double secs = trainingSeconds - startSeconds;
        return new Progress(iteration, trainingSeconds, batchKEma, lastHoldoutK,
                secs > 0 ? (iteration - startIteration) / secs : 0,
                budget.fractionDone(iteration - startIteration, secs));
    }
}
