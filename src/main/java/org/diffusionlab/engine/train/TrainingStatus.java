package org.diffusionlab.engine.train;

/** Where a training run stands. */
public enum TrainingStatus {
    READY, RUNNING, PAUSED, FINISHED, CANCELLED, DIVERGED
}
