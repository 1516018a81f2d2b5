package org.diffusionlab.engine.train;

/**
 * What every trainer's snapshot says about where its run stands, whatever the kind of diffusion: the counters, the
 * bound on the holdout and the status. The app's run controls (buttons, progress, ETA, status line) need no more.
 */
public interface RunFigures {

    /** Iterations done. */
    long iteration();

    /** Training time so far, seconds (holdout evaluations not counted). */
    double seconds();

    /** K on the fixed holdout, bits (per point, pixel or sequence, as the model's data has it); NaN if unknown. */
    double holdoutKBits();

    TrainingStatus status();

    /** A human-readable note (why the run stopped), or empty. */
    String message();
}
