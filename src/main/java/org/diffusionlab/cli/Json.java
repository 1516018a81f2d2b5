package org.diffusionlab.cli;

import java.util.Locale;

/**
 * A tiny writer for one flat JSON object (strings, numbers, booleans, number arrays), so the CLI needs no JSON
 * library. Non-finite numbers (NaN: "not computed") are written as {@code null}, as JSON has no NaN.
 */
final class Json {

    private final StringBuilder sb = new StringBuilder("{");
    private boolean first = true;

    Json put(String key, String value) {
        key(key);
        sb.append(value == null ? "null" : quote(value));
        return this;
    }

    Json put(String key, double value) {
        key(key);
        sb.append(number(value));
        return this;
    }

    Json put(String key, long value) {
        key(key);
        sb.append(value);
        return this;
    }

    Json put(String key, boolean value) {
        key(key);
        sb.append(value);
        return this;
    }

    Json put(String key, double[] values) {
        key(key);
        sb.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(number(values[i]));
        }
        sb.append(']');
        return this;
    }

    private void key(String key) {
        if (!first) {
            sb.append(',');
        }
        first = false;
        sb.append(quote(key)).append(':');
    }

    /** The object as one line. */
    @Override
    public String toString() {
        return sb + "}";
    }

    /** A finite double in shortest round-trip form, or null. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v).replace('E', 'e');
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
