package org.diffusionlab.app.ui;

import java.util.Locale;

/**
 * Reads the numbers a pane's text fields hold as typed, each with a sentence saying why it is refused, so that the
 * field can show the reason as the user types rather than fail later; and proposes a new seed for such a field.
 */
public final class TypedNumbers {

    private TypedNumbers() {
    }

    /**
     * A whole number from min to max; digit groups typed with commas or underscores are read ("10,000"). Refused:
     * "{what} must be a whole number from 1,000 to 100,000, got 12" (without ", got" for an empty field).
     */
    public static Parsed<Integer> wholeNumber(String text, String what, int min, int max) {
        String s = text == null ? "" : text.strip().replace(",", "").replace("_", "");
        String range = String.format(Locale.ROOT, "%s must be a whole number from %,d to %,d", what, min, max);
        try {
            int n = Integer.parseInt(s);
            if (n < min || n > max) {
                return Parsed.refused(range + ", got " + text.strip());
            }
            return Parsed.valid(n);
        } catch (NumberFormatException e) {
            return Parsed.refused(range + (s.isEmpty() ? "" : ", got " + text.strip()));
        }
    }

    /** A random seed: any whole number a long holds. */
    public static Parsed<Long> seed(String text) {
        try {
            return Parsed.valid(Long.parseLong(text == null ? "" : text.strip()));
        } catch (NumberFormatException e) {
            return Parsed.refused("The seed must be a whole number"
                    + (text == null || text.isBlank() ? "" : ", got " + text.strip()));
        }
    }

    /** A fresh seed for "New noise": from 1 to 999,999 (short enough to read and retype), never the current one. */
    public static long nextSeed(String currentText) {
        Parsed<Long> p = seed(currentText);
        long current = p.isValid() ? p.value() : 0;
        long next = new java.util.SplittableRandom(current * 0x9E3779B97F4A7C15L + System.nanoTime()).nextInt(1, 1_000_000);
        return next == current ? next + 1 : next;
    }
}
