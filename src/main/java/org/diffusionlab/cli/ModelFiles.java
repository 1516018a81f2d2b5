package org.diffusionlab.cli;

import java.nio.file.Path;
import org.diffusionlab.engine.io.ModelFile;
import org.diffusionlab.engine.io.ModelFileException;
import org.diffusionlab.engine.io.SavedModel;

/** Loading a model file named on the command line, with the checks worth doing before ModelFile reads it. */
final class ModelFiles {

    private ModelFiles() {
    }

    /**
     * Loads {@code file} and registers the user data it carries, if any, so that its data set can be drawn from;
     * every problem is a ModelFileException whose message names the file (exit 1).
     */
    static SavedModel load(Path file) throws ModelFileException {
        return ModelFile.load(file).registerUserData();
    }

    /** One line about a loaded model, e.g. for the header of a report. */
    static String describe(SavedModel m) {
        var c = m.model().config();
        return String.format(java.util.Locale.ROOT,
                "%s, T = %d, architecture %s, %s covariance, %s beta, %,d iterations (%.1f s), written by DiffusionLab %s",
                c.dataset(), c.steps(), c.architecture(), c.covariance().id(), c.learnBeta() ? "learned" : c.schedule(),
                m.iterations(), m.trainingSeconds(), m.createdBy());
    }
}
