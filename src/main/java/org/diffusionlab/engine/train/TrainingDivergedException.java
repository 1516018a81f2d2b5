package org.diffusionlab.engine.train;

/** Training produced a NaN or infinity; the trainer kept its last good parameters. */
public final class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(String message) {
        super(message);
    }
}
