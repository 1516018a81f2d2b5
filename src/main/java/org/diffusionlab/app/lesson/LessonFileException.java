package org.diffusionlab.app.lesson;

/** A lesson file that cannot be used; the message names the file, the line or step, and what is wrong. */
public final class LessonFileException extends Exception {

    public LessonFileException(String message) {
        super(message);
    }

    public LessonFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
