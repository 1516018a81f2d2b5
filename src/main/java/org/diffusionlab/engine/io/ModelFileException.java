package org.diffusionlab.engine.io;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model file ({@code .dlab}, see {@link ModelFile}) could not be loaded. The message is meant for the user as is:
 * it always starts with {@code "Cannot open model file <path>: "} and then says in plain words what is wrong, e.g.
 * {@code "... it was written by a newer DiffusionLab (format version 7; this version reads 1)"}.
 */
public final class ModelFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String reason;

    /**
     * @param file   the file that could not be loaded
     * @param reason what is wrong with it, in plain words, without the file name (e.g. "it is empty (0 bytes)")
     * @param cause  the underlying error, or null
     */
    public ModelFileException(Path file, String reason, Throwable cause) {
        super("Cannot open model file " + describe(file) + ": " + reason, cause);
        this.file = Objects.requireNonNull(file, "file");
        this.reason = reason;
    }

    public ModelFileException(Path file, String reason) {
        this(file, reason, null);
    }

    /** The file that could not be loaded. */
    public Path file() {
        return file;
    }

    /** What is wrong with the file, without the "Cannot open model file ..." prefix. */
    public String reason() {
        return reason;
    }

    private static String describe(Path file) {
        if (file == null) {
            return "(no file given)";
        }
        try {
            return file.toAbsolutePath().normalize().toString();
        } catch (RuntimeException | java.io.IOError e) {
            return file.toString();
        }
    }
}
