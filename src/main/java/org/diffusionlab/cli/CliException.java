package org.diffusionlab.cli;

/**
 * A failure the user can act on: its message is printed as is (no stack trace) and the command exits with
 * {@link #exitCode()} ({@link DiffusionLabCli#EXIT_USAGE} for bad arguments, {@link DiffusionLabCli#EXIT_FAILURE}
 * otherwise).
 */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Bad arguments (exit 2). */
    static CliException usage(String message) {
        return new CliException(DiffusionLabCli.EXIT_USAGE, message);
    }

    /** A failure (exit 1). */
    static CliException failure(String message, Throwable cause) {
        return new CliException(DiffusionLabCli.EXIT_FAILURE, message, cause);
    }

    int exitCode() {
        return exitCode;
    }
}
