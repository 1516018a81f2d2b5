package org.diffusionlab.engine.binomial;

import java.time.Instant;
import java.util.List;
import org.diffusionlab.engine.train.HistoryPoint;

/**
 * A binomial model with what a model file keeps beside it.
 *
 * @param model           the model
 * @param history         its training curve (K in bits per sequence)
 * @param iterations      iterations trained
 * @param trainingSeconds seconds trained
 * @param createdBy       the DiffusionLab version that wrote it
 * @param savedAt         when it was saved
 */
public record SavedBinomialModel(BinomialModel model, List<HistoryPoint> history, long iterations,
                                 double trainingSeconds, String createdBy, Instant savedAt) {

    public SavedBinomialModel {
        history = List.copyOf(history);
    }
}
