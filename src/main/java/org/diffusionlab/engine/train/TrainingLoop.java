package org.diffusionlab.engine.train;

import java.util.function.Consumer;

/**
 * The run loop every trainer shares (the Gaussian {@link Trainer} and the binomial one): iterate until the budget is
 * spent or the control cancels, block while paused, anneal the learning rate along a cosine over a limited budget
 * (down to {@link Steps#annealFloor()} of the set rate: a tenth unless the trainer says otherwise), emit a snapshot
 * (with a history point) at most every interval and once at the end, and stop with the last good parameters when a
 * step diverges.
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

        /** One iteration; throws {@link TrainingDivergedException} (after setting the status) on NaN/Inf. */
        void step();

        /** Adds a history point (holdout K now). */
        void record();

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
        run.setStatus(TrainingStatus.RUNNING, "");
        try {
            while (!budget.exhausted(run.iteration() - startIteration, run.trainingSeconds() - startSeconds)) {
                if (control.isPaused()) {
                    run.setStatus(TrainingStatus.PAUSED, "");
                    run.record();
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
                    run.record();
                    listener.accept(run.snapshot());
                    lastEmit = System.nanoTime();
                }
            }
            if (run.status() == TrainingStatus.RUNNING) {
                run.setStatus(TrainingStatus.FINISHED, "Finished after " + run.iteration() + " iterations.");
            }
        } catch (TrainingDivergedException e) {
            // status and message were set by step(); the parameters are the last good ones.
        }
        run.setLearningRateFactor(1);
        run.record();
        S last = run.snapshot();
        listener.accept(last);
        return last;
    }
}
