package org.diffusionlab.engine.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.diffusionlab.engine.files.AtomicFile;

/**
 * A schedule as CSV: the header {@code t,beta}, then one row {@code t,beta_t} for t = 1..T in order, each beta in
 * (0, 1), written with full double precision so it reads back bit for bit (the model file's {@code schedule.csv}
 * uses the same layout). Saves are atomic; a file that cannot be read is refused with the file and line named.
 */
public final class ScheduleCsv {

    public static final String HEADER = "t,beta";
    /** Longest schedule a file may hold (the trainer's T is at most 1000; BetaSchedule allows more). */
    public static final int MAX_STEPS = 100_000;

    private ScheduleCsv() {
    }

    /** The CSV text of a schedule. */
    public static String format(BetaSchedule s) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (int t = 1; t <= s.steps(); t++) {
            b.append(t).append(',').append(Double.toString(s.beta(t))).append('\n');
        }
        return b.toString();
    }

    /** Writes the schedule to {@code file} through a temporary file in the same folder, renamed into place. */
    public static void save(Path file, BetaSchedule s) throws IOException {
        AtomicFile.writeText(file, w -> w.write(format(s)));
    }

    /**
     * Reads a schedule file; the schedule is named {@code name}.
     *
     * @throws IOException with a message naming the file (and the line) when it cannot be read or is not a schedule
     */
    public static BetaSchedule load(Path file, String name) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException("Cannot read schedule file " + file + ": it is not a text file");
        } catch (IOException e) {
            throw new IOException("Cannot read schedule file " + file + ": " + describe(e), e);
        }
        try {
            return parse(text, name);
        } catch (IllegalArgumentException e) {
            throw new IOException("Cannot read schedule file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /**
     * Parses CSV text (header {@code t,beta}; blank lines ignored; rows t = 1..T in order).
     *
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    public static BetaSchedule parse(String text, String name) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i == lines.length) {
            throw new IllegalArgumentException("it is empty (expected the header \"" + HEADER + "\")");
        }
        String header = lines[i].strip();
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        if (!header.replace(" ", "").equalsIgnoreCase(HEADER)) {
            throw new IllegalArgumentException("line " + (i + 1) + " is \"" + abbreviate(header)
                    + "\", expected the header \"" + HEADER + "\"");
        }
        List<Double> betas = new ArrayList<>();
        for (i = i + 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 2) {
                throw new IllegalArgumentException("line " + (i + 1) + " has " + cells.length
                        + " values, expected 2 (t,beta)");
            }
            int expected = betas.size() + 1;
            long t;
            double beta;
            try {
                t = Long.parseLong(cells[0].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": t = \"" + abbreviate(cells[0].strip())
                        + "\" is not a whole number");
            }
            if (t != expected) {
                throw new IllegalArgumentException("line " + (i + 1) + " has t = " + t + ", expected t = " + expected
                        + " (rows must be t = 1, 2, ..., T in order)");
            }
            try {
                beta = Double.parseDouble(cells[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": beta = \"" + abbreviate(cells[1].strip())
                        + "\" is not a number");
            }
            if (!(beta > 0 && beta < 1)) {
                throw new IllegalArgumentException("line " + (i + 1) + ": beta_" + t + " = " + beta
                        + " is outside (0, 1)");
            }
            if (betas.size() == MAX_STEPS) {
                throw new IllegalArgumentException("more than " + MAX_STEPS + " steps");
            }
            betas.add(beta);
        }
        if (betas.size() < 2) {
            throw new IllegalArgumentException("it has " + betas.size() + " step" + (betas.size() == 1 ? "" : "s")
                    + ", a schedule needs at least 2");
        }
        double[] b = new double[betas.size()];
        for (int k = 0; k < b.length; k++) {
            b[k] = betas.get(k);
        }
        return BetaSchedule.of(name, b);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
