package org.diffusionlab.app.train;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;
import org.diffusionlab.app.service.LatestOnlyService;
import org.diffusionlab.data.DataCeiling;
import org.diffusionlab.data.Dataset;
import org.diffusionlab.data.SwissRoll;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.gaussian.Evaluation;
import org.diffusionlab.engine.gaussian.Evaluator;
import org.diffusionlab.engine.gaussian.GaussianMath;
import org.diffusionlab.engine.gaussian.OptimalKernelBound;
import org.diffusionlab.engine.model.KernelForm;
import org.diffusionlab.engine.gaussian.ReverseSampler;
import org.diffusionlab.engine.gaussian.Trajectory;
import org.diffusionlab.engine.train.Snapshot;
import org.diffusionlab.engine.train.TrainingConfig;

/**
 * What the Train pane derives from the snapshots on a background thread (never on the UI thread): samples of the
 * current model (at most every {@link Settings#samplesIntervalMillis}), its importance-sampled log-likelihood and
 * the best Gaussian kernel's bound under its schedule (at most every {@link Settings#logLikelihoodIntervalMillis}),
 * and, once per data set, a sample of the data and the data's
 * ceiling. Results computed for a run that has since been reset are dropped.
 */
public final class TrainAnalysis {

    /** How much the pane computes, and how often. */
    public record Settings(int samplePoints, long samplesIntervalMillis, int isHoldout, int isPoints, int isPaths,
                           long logLikelihoodIntervalMillis, int ceilingHoldout) {

        /** The pane's figures: 2,000 samples every 2 s; IS log-likelihood on 200 points x 50 paths every 10 s. */
        public static Settings defaults() {
            return new Settings(2000, 2000, 500, 200, 50, 10_000, 2000);
        }
    }

    /** Model samples (x, y pairs, flattened) drawn from the model at an iteration. */
    public record Samples(float[] xy, long iteration) {
    }

    /** A sample of the data and its ceiling (NaN until known). */
    public record DataView(TrainingConfig config, double[][] points, double ceilingBits) {
    }

    /**
     * One importance-sampled log-likelihood estimate, and on the same held-out points the bound of the best Gaussian
     * kernel under the model's schedule at that iteration (NaN when the data's density is not known), and the model's
     * own bound K with its standard error over those points.
     */
    public record LogLikelihoodPoint(long iteration, double bits, double bestKernelBits, double kBits,
                                     double kStandardErrorBits) {
    }

    private record Request(long generation, Snapshot snapshot) {
    }

    private record Result<T>(long generation, T value) {
    }

    private final Settings settings;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "diffusionlab-analysis");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        return t;
    });
    private final ReadOnlyObjectWrapper<Samples> samples = new ReadOnlyObjectWrapper<>(this, "samples");
    private final ReadOnlyObjectWrapper<DataView> data = new ReadOnlyObjectWrapper<>(this, "data");
    private final ReadOnlyDoubleWrapper nullBits = new ReadOnlyDoubleWrapper(this, "nullBits",
            GaussianMath.nullLogLikelihoodBits(2));
    private final ObservableList<LogLikelihoodPoint> logLikelihoods = FXCollections.observableArrayList();

    private final LatestOnlyService<Request, Result<Samples>> sampler;
    private final LatestOnlyService<Request, Result<LogLikelihoodPoint>> evaluator;
    private final LatestOnlyService<TrainingConfig, DataView> dataService;
    private final Throttle sampleThrottle;
    private final Throttle evaluationThrottle;
    private long generation;
    private TrainingConfig requestedData;

    public TrainAnalysis(Settings settings) {
        this.settings = settings;
        sampler = new LatestOnlyService<>("model sampler", executor, r -> new Result<>(r.generation(), sample(r.snapshot())),
                r -> {
                    if (r.generation() == generation) {
                        samples.set(r.value());
                    }
                });
        evaluator = new LatestOnlyService<>("log-likelihood", executor,
                r -> new Result<>(r.generation(), evaluate(r.snapshot())),
                r -> {
                    if (r.generation() == generation) {
                        addLogLikelihood(r.value());
                    }
                });
        dataService = new LatestOnlyService<>("data ceiling", executor, this::dataView, data::set);
        sampleThrottle = new Throttle(settings.samplesIntervalMillis(), s -> sampler.submit(new Request(generation, s)));
        evaluationThrottle = new Throttle(settings.logLikelihoodIntervalMillis(),
                s -> evaluator.submit(new Request(generation, s)));
    }

    public ReadOnlyObjectProperty<Samples> samplesProperty() {
        return samples.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DataView> dataProperty() {
        return data.getReadOnlyProperty();
    }

    /** L_null for 2-D data: the log-likelihood of the data under N(0, I), bits per point. */
    public ReadOnlyDoubleProperty nullBitsProperty() {
        return nullBits.getReadOnlyProperty();
    }

    public ObservableList<LogLikelihoodPoint> logLikelihoods() {
        return logLikelihoods;
    }

    /** FX thread: a new snapshot of the current run. */
    public void onSnapshot(Snapshot s) {
        if (s == null) {
            return;
        }
        if (requestedData == null || !sameData(requestedData, s.config())) {
            requestedData = s.config();
            dataService.submit(s.config());
        }
        sampleThrottle.offer(s);
        if (s.iteration() > 0 && settings.isPoints() > 0) {
            evaluationThrottle.offer(s);
        }
    }

    /** FX thread: the run was reset or replaced; drop what belongs to the old one. */
    public void clear() {
        generation++;
        samples.set(null);
        logLikelihoods.clear();
        sampleThrottle.clear();
        evaluationThrottle.clear();
        sampler.clearWaiting();
        evaluator.clearWaiting();
    }

    public void shutdown() {
        sampleThrottle.clear();
        evaluationThrottle.clear();
        sampler.close();
        evaluator.close();
        dataService.close();
        executor.shutdownNow();
    }

    private void addLogLikelihood(LogLikelihoodPoint p) {
        if (logLikelihoods.isEmpty() || logLikelihoods.get(logLikelihoods.size() - 1).iteration() < p.iteration()) {
            logLikelihoods.add(p);
        }
    }

    private static boolean sameData(TrainingConfig a, TrainingConfig b) {
        return a.dataset().equals(b.dataset()) && a.noiseStd() == b.noiseStd() && a.beta1() == b.beta1()
                && a.seed() == b.seed();
    }

    // Background thread -------------------------------------------------------------------------------------------

    private Samples sample(Snapshot s) {
        Trajectory t = ReverseSampler.sample(s.toModel().kernel(), settings.samplePoints(), s.config().seed());
        return new Samples(t.frame(0), s.iteration());
    }

    private LogLikelihoodPoint evaluate(Snapshot s) {
        DiffusionModel model = s.toModel();
        long seed = s.config().seed();
        double[][] holdout = Evaluator.holdout(model, settings.isHoldout(), seed);
        Evaluation e = Evaluator.evaluate(model, holdout, settings.isPoints(), settings.isPaths(), seed);
        // the best kernel of the model's own form: a full-covariance network can pass the best diagonal one
        OptimalKernelBound.Result optimal = model.dataset() instanceof SwissRoll roll
                ? OptimalKernelBound.compute(roll, model.schedule(), holdout, seed) : null;
        double best = optimal == null ? Double.NaN
                : model.config().covariance() == KernelForm.FULL ? optimal.fullCovarianceKBits() : optimal.kBits();
        return new LogLikelihoodPoint(s.iteration(), e.isLogLikelihoodBits(), best, e.kBits(), e.kStandardErrorBits());
    }

    private DataView dataView(TrainingConfig c) {
        Dataset data = DiffusionModel.datasetFor(c);
        double[][] points = data.sample(settings.samplePoints(), c.seed());
        // The ceiling is known by quadrature for the roll only; other data sets show no ceiling line.
        double ceiling = data instanceof SwissRoll roll
                ? DataCeiling.ceilingBits(roll, c.beta1(), roll.holdoutSet(settings.ceilingHoldout(), c.seed())).meanBits()
                : Double.NaN;
        return new DataView(c, points, ceiling);
    }

    /** Passes on the newest offered value at most once per interval, and always the last one eventually. */
    static final class Throttle {
        private final long intervalMillis;
        private final java.util.function.Consumer<Snapshot> sink;
        private PauseTransition timer;     // created on first use: animations need the running toolkit
        private long lastFired = Long.MIN_VALUE / 2;
        private Snapshot pending;

        Throttle(long intervalMillis, java.util.function.Consumer<Snapshot> sink) {
            this.intervalMillis = intervalMillis;
            this.sink = sink;
        }

        void offer(Snapshot s) {
            pending = s;
            long waited = System.currentTimeMillis() - lastFired;
            if (timer == null) {
                timer = new PauseTransition();
                timer.setOnFinished(e -> fire());
            }
            if (waited >= intervalMillis) {
                timer.stop();
                fire();
            } else if (timer.getStatus() != javafx.animation.Animation.Status.RUNNING) {
                timer.setDuration(Duration.millis(intervalMillis - waited));
                timer.playFromStart();
            }
        }

        void clear() {
            if (timer != null) {
                timer.stop();
            }
            pending = null;
            lastFired = Long.MIN_VALUE / 2;
        }

        private void fire() {
            Snapshot s = pending;
            pending = null;
            if (s != null) {
                lastFired = System.currentTimeMillis();
                sink.accept(s);
            }
        }
    }
}
