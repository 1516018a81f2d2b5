package org.diffusionlab.engine.train;

import java.util.function.Consumer;

/**
 * A trainer that a controller can drive one iteration at a time or under a budget, whatever the kind of diffusion it
 * trains; its state is touched only by the thread that calls these methods, other threads get its snapshots.
 *
 * @param <S> its immutable snapshot
 */
public interface StepwiseTrainer<S> extends LiveSettings {

    /**
     * One iteration.
     *
     * @return the batch's estimate of K, bits
     * @throws TrainingDivergedException if the loss or a gradient is not finite (the parameters are kept)
     */
    double step();

    /** Adds a point to the training curve (evaluating the holdout). */
    HistoryPoint record();

    S snapshot();

    /** Trains until the budget is spent or the control cancels, emitting snapshots at most every interval. */
    S run(Budget budget, TrainingControl control, long snapshotIntervalMillis, Consumer<S> listener)
            throws InterruptedException;
}
