package org.diffusionlab.engine.train;

/** The optimisers the trainer offers. */
public enum OptimizerKind {
    ADAM, RMSPROP
}
