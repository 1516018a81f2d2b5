package org.diffusionlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.diffusionlab.data.Datasets;
import org.diffusionlab.data.UserDataCsv;

/** Reads a CSV of the user's own 2-D points for {@code train --data-csv} (see {@link UserDataCsv}). */
final class UserDataFiles {

    private UserDataFiles() {
    }

    /**
     * Reads and registers the points; returns the data set's name. A file that cannot be read, or whose content is
     * refused, is bad input (exit 2), with a message naming the option, the file and the cause.
     */
    static String register(Path file) {
        try {
            return Datasets.register(UserDataCsv.read(file));
        } catch (IOException e) {
            throw CliException.usage("--data-csv: " + CliCommand.describeIo(e));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--data-csv " + e.getMessage());
        }
    }
}
