package org.diffusionlab.app.ui;

/** A typed field read: its value, or why it is refused (then the value is null). */
public record Parsed<T>(T value, String problem) {

    public static <T> Parsed<T> valid(T value) {
        return new Parsed<>(value, "");
    }

    public static <T> Parsed<T> refused(String problem) {
        return new Parsed<>(null, problem);
    }

    public boolean isValid() {
        return problem.isEmpty();
    }
}
