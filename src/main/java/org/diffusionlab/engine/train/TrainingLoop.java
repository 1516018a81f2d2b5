package org.diffusionlab.engine.train;

import java.util.function.Consumer;

/**
 * The run loop every trainer shares (the Gaussian {@link Trainer} and the binomial one): iterate until the budget is
 * spent or the control cancels, block while paused, anneal the learning rate along a cosine over a limited budget
 * (down to {@link Steps#annealFloor()} of the set rate: a tenth unless the trainer says otherwise), emit a snapshot
 * (with a history point) at most every interval and once at the end, and stop when the run diverges: when a step's
 * loss or gradient is not finite, or when a holdout K is not finite or falls far below the best seen (see
 * {@link DivergenceWatch} for how far, and why). A diverged run goes back to the best parameters seen (by holdout K;
 * the ones it started from until a measurement beats them) and says so in its status message.
 */
public final class TrainingLoop {

    /** What the loop needs of a trainer; implemented privately by each trainer so its state stays its own. */
    public interface Steps<S> {
        long iteration();

        double trainingSeconds();

        /** Whether the learning rate follows the budget's cosine. */
        boolean annealing();

        /** The fraction of the set learning rate that the cosine reaches at the end of the budget. */
        default double annealFloor() {
            return DEFAULT_ANNEAL_FLOOR;
        }

        void setLearningRateFactor(double factor);

        TrainingStatus status();

        void setStatus(TrainingStatus status, String message);

        /**
         * One iteration; throws {@link TrainingDivergedException} (after setting the status, with a message that
         * says what went wrong and where) on NaN/Inf, leaving the parameters as they were before the step.
         */
        void step();

        /** Adds a history point (holdout K now). */
        void record();

        /** The holdout K of the last {@link #record()}. */
        double holdoutKBits();

        /** Measures the holdout K now, without adding to the history. */
        double evaluateHoldout();

        /** Remembers the current parameters (and learned schedule) as the best seen. */
        void keepBest();

        /** Goes back to the parameters last given to {@link #keepBest()}. */
        void restoreBest();

        /** How far below its best the holdout K may fall before the run counts as diverging. */
        default double divergenceFallBits() {
            return DivergenceWatch.DEFAULT_FALL_BITS;
        }

        S snapshot();
    }

    /** Where the cosine ends unless a trainer sets otherwise: a tenth of the set learning rate. */
    public static final double DEFAULT_ANNEAL_FLOOR = 0.1;

    private TrainingLoop() {
    }

    /** The learning-rate factor at a fraction {@code done} of the budget: a cosine from 1 down to {@code floor}. */
    static double annealFactor(double floor, double done) {
        // (1 - 0.1) * 0.5 is exactly 0.45 in double: the default floor gives the same factors as before it was a setting.
        return floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * done));
    }

    /**
     * Runs the loop.
     *
     * @return the final snapshot (status FINISHED, CANCELLED or DIVERGED)
     */
    public static <S> S run(Steps<S> run, Budget budget, TrainingControl control, long snapshotIntervalMillis,
            Consumer<S> listener) throws InterruptedException {
        long startIteration = run.iteration();
        double startSeconds = run.trainingSeconds();
        long lastEmit = System.nanoTime();
        DivergenceWatch watch = new DivergenceWatch(run.divergenceFallBits(), "bits");
        watch.start(run.iteration());
        run.keepBest();
        run.setStatus(TrainingStatus.RUNNING, "");
        // The starting point's K is the first best, so a run whose first steps blow up goes back to it. (A start
        // without a finite K stays the fallback until a measurement is finite: training may still repair it.)
        watch.observe(run.iteration(), run.evaluateHoldout());
        try {
            while (!budget.exhausted(run.iteration() - startIteration, run.trainingSeconds() - startSeconds)) {
                if (control.isPaused()) {
                    run.setStatus(TrainingStatus.PAUSED, "");
                    if (!recordAndJudge(run, watch)) {
                        break;
                    }
                    listener.accept(run.snapshot());
                    control.awaitResume();
                    run.setStatus(TrainingStatus.RUNNING, "");
                }
                if (control.isCancelled() || Thread.currentThread().isInterrupted()) {
                    run.setStatus(TrainingStatus.CANCELLED, "Stopped at iteration " + run.iteration() + ".");
                    break;
                }
                double done = budget.fractionDone(run.iteration() - startIteration, run.trainingSeconds() - startSeconds);
                run.setLearningRateFactor(run.annealing() && budget.isLimited() ? annealFactor(run.annealFloor(), done) : 1);
                run.step();
                if ((System.nanoTime() - lastEmit) / 1e6 >= snapshotIntervalMillis) {
                    if (!recordAndJudge(run, watch)) {
                        break;
                    }
                    listener.accept(run.snapshot());
                    lastEmit = System.nanoTime();
                }
            }
            if (run.status() == TrainingStatus.RUNNING) {
                run.setStatus(TrainingStatus.FINISHED, "Finished after " + run.iteration() + " iterations.");
            }
        } catch (TrainingDivergedException e) {
            goBackToBest(run, watch, e.getMessage());
        }
        run.setLearningRateFactor(1);
        if (run.status() != TrainingStatus.DIVERGED) {
            recordAndJudge(run, watch);        // the iterations since the previous measurement may have diverged
        }
        if (run.status() == TrainingStatus.DIVERGED) {
            run.record();                      // the curve ends at the parameters the run keeps
        }
        S last = run.snapshot();
        listener.accept(last);
        return last;
    }

    /** Records a history point and judges it; on divergence goes back to the best parameters and returns false. */
    private static boolean recordAndJudge(Steps<?> run, DivergenceWatch watch) {
        run.record();
        switch (watch.observe(run.iteration(), run.holdoutKBits())) {
            case BEST -> run.keepBest();
            case DIVERGED -> {
                goBackToBest(run, watch, "Training diverged: " + watch.reason());
                return false;
            }
            default -> {
                // below the best by less than the threshold: an honest run's noise
            }
        }
        return true;
    }

    private static void goBackToBest(Steps<?> run, DivergenceWatch watch, String cause) {
        run.restoreBest();
        run.setStatus(TrainingStatus.DIVERGED, cause + "; " + watch.keptClause() + ". Try a smaller learning rate.");
    }
}
