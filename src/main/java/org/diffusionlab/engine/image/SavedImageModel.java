package org.diffusionlab.engine.image;

import java.time.Instant;
import java.util.List;

/** An image model with its training record, as stored in a model file. */
public record SavedImageModel(ImageDiffusionModel model, List<ImageTrainer.HistoryPoint> history, long iterations,
                              double trainingSeconds, String createdBy, Instant savedAt) {

    public SavedImageModel {
        history = List.copyOf(history);
    }
}
