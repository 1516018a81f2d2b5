package org.diffusionlab.engine.io;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.diffusionlab.engine.schedule.BetaSchedule;

/**
 * The noise schedule in a model file ({@code schedule.csv}): header {@code t,beta}, then T rows {@code t,beta_t} for
 * t = 1..T, each beta in (0, 1) written with {@link Double#toString(double)} so that it reads back bit for bit.
 */
public final class ScheduleEntry {

    public static final String NAME = "schedule.csv";
    public static final String HEADER = "t,beta";

    private ScheduleEntry() {
    }

    public static byte[] bytes(BetaSchedule schedule) {
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        double[] betas = schedule.betas();
        for (int t = 1; t <= betas.length; t++) {
            s.append(t).append(',').append(Double.toString(betas[t - 1])).append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads the T = {@code steps} betas and names the schedule {@code name}. */
    public static BetaSchedule read(ModelArchive.Contents file, int steps, String name) throws ModelFileException {
        List<String> lines = ParameterEntries.lines(file.text(NAME));
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw file.fail(NAME + " does not start with the header '" + HEADER + "'; the file is corrupt");
        }
        if (lines.size() - 1 != steps) {
            throw file.fail(NAME + " has " + (lines.size() - 1) + " rows, expected T = " + steps + "; the file is corrupt");
        }
        double[] betas = new double[steps];
        for (int t = 1; t <= steps; t++) {
            String line = lines.get(t);
            String[] f = line.split(",", -1);
            if (f.length != 2) {
                throw file.fail(NAME + " line " + (t + 1) + " '" + line + "' does not have 2 fields; the file is corrupt");
            }
            if (!f[0].trim().equals(Integer.toString(t))) {
                throw file.fail(NAME + " line " + (t + 1) + " has t = '" + f[0] + "', expected " + t + "; the file is corrupt");
            }
            double b;
            try {
                b = Double.parseDouble(f[1].trim());
            } catch (NumberFormatException e) {
                throw file.fail(NAME + " line " + (t + 1) + ": beta_" + t + " = '" + f[1]
                        + "' is not a number; the file is corrupt");
            }
            if (!(b > 0 && b < 1)) {
                throw file.fail("beta_" + t + " = " + b + " in " + NAME + " is outside (0, 1)");
            }
            betas[t - 1] = b;
        }
        try {
            return BetaSchedule.of(name, betas);
        } catch (IllegalArgumentException e) {
            throw file.fail("its schedule is invalid: " + e.getMessage(), e);
        }
    }
}
