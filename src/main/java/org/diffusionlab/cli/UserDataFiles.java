package org.diffusionlab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.diffusionlab.data.Datasets;
import org.diffusionlab.data.UserData;

/** Reads a CSV of the user's own 2-D points for {@code train --data-csv}. */
final class UserDataFiles {

    private UserDataFiles() {
    }

    /** Reads and registers the points; returns the data set's name. Bad content is a usage error naming the file. */
    static String register(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.failure("Cannot read data file " + file + ": " + e, e);
        }
        try {
            return Datasets.register(UserData.parseCsv(text, file.toString()));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--data-csv: " + e.getMessage());
        }
    }
}
