package org.diffusionlab.engine.train;

/**
 * One point of the training curve.
 *
 * @param iteration     iterations done
 * @param seconds       training time so far (pauses excluded)
 * @param batchKBits    K on recent training batches (running mean), bits per point
 * @param holdoutKBits  K on the fixed holdout, bits per point
 */
public record HistoryPoint(long iteration, double seconds, double batchKBits, double holdoutKBits) {
}
