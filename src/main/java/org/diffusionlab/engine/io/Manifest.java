package org.diffusionlab.engine.io;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * A model file's manifest as read: typed values whose errors are {@link ModelFileException}s that name the file and
 * the key ("its manifest value config.seed = 'x' is not a whole number; the file is corrupt"). Every number must be
 * finite. Written by {@link ManifestWriter}.
 */
public final class Manifest {

    private final Path file;
    private final Properties values;

    private Manifest(Path file, Properties values) {
        this.file = file;
        this.values = values;
    }

    /** Parses manifest bytes (Java properties, ISO-8859-1 with unicode escapes). */
    static Manifest parse(Path file, byte[] bytes) throws ModelFileException {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(bytes, StandardCharsets.ISO_8859_1)));
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFileException(file, "its manifest cannot be parsed (" + e.getMessage()
                    + "); the file is corrupt", e);
        }
        return new Manifest(file, p);
    }

    /** The file the manifest came from (for messages). */
    public Path file() {
        return file;
    }

    /** A refusal of the file with this reason. */
    public ModelFileException fail(String reason) {
        return new ModelFileException(file, reason);
    }

    public Optional<String> optional(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    public String string(String key) throws ModelFileException {
        String v = values.getProperty(key);
        if (v == null) {
            throw fail("its manifest has no value for " + key + "; the file is corrupt or incomplete");
        }
        return v;
    }

    /** A value that must be present and not blank (trimmed). */
    public String word(String key) throws ModelFileException {
        String v = string(key).trim();
        if (v.isEmpty()) {
            throw fail("its manifest value " + key + " is empty; the file is corrupt");
        }
        return v;
    }

    private ModelFileException notA(String key, String v, String what) {
        return fail("its manifest value " + key + " = '" + v + "' is not " + what + "; the file is corrupt");
    }

    public int integer(String key) throws ModelFileException {
        String v = string(key);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw notA(key, v, "a whole number");
        }
    }

    public long whole(String key) throws ModelFileException {
        String v = string(key);
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw notA(key, v, "a whole number");
        }
    }

    /** A whole number of at least 0. */
    public long count(String key) throws ModelFileException {
        long v = whole(key);
        if (v < 0) {
            throw fail("its manifest value " + key + " = " + v + " is negative; the file is corrupt");
        }
        return v;
    }

    /** A finite number. */
    public double real(String key) throws ModelFileException {
        String v = string(key);
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw notA(key, v, "a number");
        }
        if (!Double.isFinite(d)) {
            throw notA(key, v, "a finite number");
        }
        return d;
    }

    /** A finite number of at least 0 (e.g. seconds). */
    public double nonNegative(String key) throws ModelFileException {
        double d = real(key);
        if (d < 0) {
            throw fail("its manifest value " + key + " = " + d + " is negative; the file is corrupt");
        }
        return d;
    }

    public boolean bool(String key) throws ModelFileException {
        String v = string(key).trim();
        if (v.equals("true") || v.equals("false")) {
            return v.equals("true");
        }
        throw notA(key, v, "true or false");
    }

    public Instant instant(String key) throws ModelFileException {
        String v = string(key);
        try {
            return Instant.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw notA(key, v, "an ISO-8601 time such as 2025-01-31T12:00:00Z");
        }
    }
}
