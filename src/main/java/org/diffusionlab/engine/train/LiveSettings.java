package org.diffusionlab.engine.train;

/**
 * The settings a trainer lets another thread change while it runs, taking effect at the next iteration (both
 * checked with {@link TrainingConfig#learningRateProblems} and {@link TrainingConfig#batchSizeProblems}).
 */
public interface LiveSettings {

    void setLearningRate(double lr);

    void setBatchSize(int size);
}
