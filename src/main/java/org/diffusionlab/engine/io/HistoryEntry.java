package org.diffusionlab.engine.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The training curve in a model file ({@code history.csv}): a header naming four columns (iteration, seconds, the
 * batch's K and the holdout's K, in the kind's unit), one row per point, oldest first. K may be {@code NaN} (not yet
 * measured); every other number must be finite, iterations and seconds at least 0.
 */
public final class HistoryEntry {

    public static final String NAME = "history.csv";

    /** One row. */
    public record Row(long iteration, double seconds, double batchK, double holdoutK) {
    }

    private HistoryEntry() {
    }

    public static byte[] bytes(String header, List<Row> rows) {
        StringBuilder s = new StringBuilder(header).append('\n');
        for (Row r : rows) {
            s.append(r.iteration()).append(',').append(Double.toString(r.seconds())).append(',')
                    .append(Double.toString(r.batchK())).append(',').append(Double.toString(r.holdoutK())).append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static List<Row> read(ModelArchive.Contents file, String header) throws ModelFileException {
        List<String> lines = ParameterEntries.lines(file.text(NAME));
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            throw file.fail(NAME + " does not start with the header '" + header + "'; the file is corrupt");
        }
        List<Row> rows = new ArrayList<>(lines.size() - 1);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            String[] f = line.split(",", -1);
            if (f.length != 4) {
                throw file.fail(NAME + " line " + (i + 1) + " '" + line + "' does not have 4 fields; the file is corrupt");
            }
            Row r;
            try {
                r = new Row(Long.parseLong(f[0].trim()), Double.parseDouble(f[1].trim()),
                        Double.parseDouble(f[2].trim()), Double.parseDouble(f[3].trim()));
            } catch (NumberFormatException e) {
                throw file.fail(NAME + " line " + (i + 1) + " '" + line + "' is not four numbers; the file is corrupt");
            }
            if (r.iteration() < 0 || !(r.seconds() >= 0) || Double.isInfinite(r.seconds())
                    || Double.isInfinite(r.batchK()) || Double.isInfinite(r.holdoutK())) {
                throw file.fail(NAME + " line " + (i + 1) + " '" + line + "' holds a negative count or time, or an "
                        + "infinite value; the file is corrupt");
            }
            rows.add(r);
        }
        return rows;
    }
}
