package org.diffusionlab.engine.io;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.diffusionlab.Version;
import org.diffusionlab.data.Datasets;
import org.diffusionlab.data.UserData;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.train.HistoryPoint;

/**
 * Everything a model file ({@code .dlab}, see {@link ModelFile}) holds: the model (config, schedule, network), its
 * training curve and counters, and who wrote it when. To continue training a loaded model:
 * {@code new Trainer(m.model(), m.history(), m.iterations(), m.trainingSeconds())}.
 *
 * @param model           the model; its network must use the architecture preset its config names
 * @param history         the training curve, oldest point first (copied; no null elements)
 * @param iterations      training iterations done so far (at least 0)
 * @param trainingSeconds training time so far, pauses excluded (finite, at least 0)
 * @param createdBy       version of the DiffusionLab that wrote the file, "unknown" if not known
 * @param savedAt         when the file was written
 * @param userData        the points of the user data set the config names, when it names one and they are at hand
 *                        (a loaded file always has them); empty for the built-in data sets
 */
public record SavedModel(DiffusionModel model, List<HistoryPoint> history, long iterations, double trainingSeconds,
                         String createdBy, Instant savedAt, Optional<UserData> userData) {

    /** The value of {@link #createdBy} when the application version cannot be determined. */
    public static final String UNKNOWN_VERSION = "unknown";

    public SavedModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(savedAt, "savedAt");
        Objects.requireNonNull(userData, "userData");
        if (userData.isPresent() && !userData.get().id().equals(model.config().dataset())) {
            throw new IllegalArgumentException("the user data " + userData.get().id() + " are not the data set "
                    + model.config().dataset() + " the config names");
        }
        history = List.copyOf(history);
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be at least 0, got " + iterations);
        }
        if (!(trainingSeconds >= 0) || Double.isInfinite(trainingSeconds)) {
            throw new IllegalArgumentException("training seconds must be finite and at least 0, got " + trainingSeconds);
        }
    }

    /** A model without user data of its own (a built-in data set, or user data registered in {@link Datasets}). */
    public SavedModel(DiffusionModel model, List<HistoryPoint> history, long iterations, double trainingSeconds,
                      String createdBy, Instant savedAt) {
        this(model, history, iterations, trainingSeconds, createdBy, savedAt, Optional.empty());
    }

    /**
     * Makes the model's user data known to {@link Datasets} (so that its data set can be drawn from, e.g. to evaluate
     * or continue training); does nothing for a built-in data set. Returns this model.
     */
    public SavedModel registerUserData() {
        userData.ifPresent(Datasets::register);
        return this;
    }

    /** A model to save now, written by this version of DiffusionLab. */
    public static SavedModel now(DiffusionModel model, List<HistoryPoint> history, long iterations,
                                 double trainingSeconds) {
        return new SavedModel(model, history, iterations, trainingSeconds, appVersion(), Instant.now());
    }

    /** This application's version, or {@link #UNKNOWN_VERSION} when the build did not record it. */
    public static String appVersion() {
        try {
            return Version.get();
        } catch (RuntimeException | LinkageError e) {
            return UNKNOWN_VERSION;
        }
    }
}
