package org.diffusionlab.engine.io;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a model file's {@code manifest.properties}: Java properties text in ASCII (other characters as unicode
 * escapes), one key per line in the order they were put, after one comment line, and without
 * {@code Properties.store}'s date comment, so that equal models give equal bytes. Doubles should be put with
 * {@link Double#toString(double)} so that they read back bit for bit.
 */
public final class ManifestWriter {

    private final String comment;
    private final Map<String, String> values = new LinkedHashMap<>();

    /** A manifest starting with {@code format} and {@code formatVersion} for the given kind. */
    public ManifestWriter(ModelKind kind, int formatVersion, String comment) {
        this.comment = Objects.requireNonNull(comment, "comment");
        put("format", kind.format());
        put("formatVersion", Integer.toString(formatVersion));
    }

    public ManifestWriter put(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value of " + key);
        if (values.putIfAbsent(key, value) != null) {
            throw new IllegalStateException("manifest key " + key + " put twice");
        }
        return this;
    }

    public ManifestWriter put(String key, long value) {
        return put(key, Long.toString(value));
    }

    public ManifestWriter put(String key, double value) {
        return put(key, Double.toString(value));
    }

    public ManifestWriter put(String key, boolean value) {
        return put(key, Boolean.toString(value));
    }

    /** The values put so far, in order. */
    public Map<String, String> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** The manifest's bytes (ISO-8859-1, in fact ASCII). */
    public byte[] bytes() {
        StringBuilder s = new StringBuilder("# ").append(escapeComment(comment)).append('\n');
        for (Map.Entry<String, String> e : values.entrySet()) {
            s.append(escape(e.getKey(), true)).append('=').append(escape(e.getValue(), false)).append('\n');
        }
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A comment is one line of printable ASCII: anything else becomes '?'. */
    private static String escapeComment(String text) {
        StringBuilder s = new StringBuilder(text.length());
        text.chars().forEach(ch -> s.append(ch >= 0x20 && ch <= 0x7e ? (char) ch : '?'));
        return s.toString();
    }

    private static String escape(String text, boolean key) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\\' -> s.append("\\\\");
                case '\t' -> s.append("\\t");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\f' -> s.append("\\f");
                case '=', ':', '#', '!' -> s.append('\\').append(ch);
                case ' ' -> s.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (ch < 0x20 || ch > 0x7e) {
                        s.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        s.append(ch);
                    }
                }
            }
        }
        return s.toString();
    }
}
