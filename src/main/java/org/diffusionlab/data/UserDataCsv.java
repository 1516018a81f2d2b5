package org.diffusionlab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The one reader of the user's CSV files of 2-D points (the command line's {@code --data-csv}, the app's "Load CSV",
 * the points inside a model file). Two numeric columns x, y; an optional header line of names; blank lines and lines
 * starting with # are skipped; cells may be quoted.
 *
 * <p>The delimiter and the decimal mark are read off the file, so that a European file ({@code 0,5;1,5}) is read as
 * the points it means rather than as other points: a semicolon anywhere makes the semicolon the delimiter, else a
 * tab, else a comma, else runs of spaces. With a comma delimiter the decimal mark is the point; otherwise it is
 * whichever of point and comma the numbers use, and a file that uses both is refused. Whatever cannot be read one
 * way only is refused with its line number and the reason: a line of another number of columns, a cell that is not
 * a number, a mix of decimal marks, a number too large for a double.
 */
public final class UserDataCsv {

    /** A number in either decimal mark (which one is checked separately); no NaN, Infinity, hex or suffixes. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+([.,]\\d*)?|[.,]\\d+)([eE][+-]?\\d+)?");

    private UserDataCsv() {
    }

    /**
     * Reads a UTF-8 file.
     *
     * @throws IOException              when the file cannot be read (the exception names it)
     * @throws IllegalArgumentException when its content is refused; the message starts with the file's name
     */
    public static UserData read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not a text file in UTF-8 (is it a spreadsheet? save it as CSV)", e);
        }
        return parse(text, file.toString());
    }

    /**
     * Reads CSV text.
     *
     * @param source what to call the text in messages (a file name)
     * @throws IllegalArgumentException with a message that starts with {@code source} and names the line and reason
     */
    public static UserData parse(String text, String source) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);       // a byte-order mark, as some spreadsheets write
        }
        char delimiter = delimiterOf(text);
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setDelimiter(delimiter)
                .setCommentMarker('#')
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setTrim(true)
                .get();
        Lines lines = new Lines(text);
        List<double[]> points = new ArrayList<>();
        char decimal = delimiter == ',' ? '.' : 0;      // 0: not known yet
        int decimalLine = 0;
        boolean first = true;
        try (CSVParser parser = CSVParser.parse(text, format)) {
            for (CSVRecord record : parser) {
                int line = lines.lineOf(record.getCharacterPosition());
                List<String> cells = cells(record, delimiter);
                if (cells.isEmpty()) {
                    continue;
                }
                if (first && cells.stream().noneMatch(c -> NUMBER.matcher(c).matches())) {
                    first = false;
                    if (cells.size() != 2) {
                        throw refused(source, line, "the header has " + cells.size() + " columns; expected 2 (x, y)"
                                + hint(delimiter));
                    }
                    continue;       // a header line of names
                }
                first = false;
                if (cells.size() != 2) {
                    throw refused(source, line, cells.size() + (cells.size() == 1 ? " column" : " columns")
                            + " (" + describe(delimiter) + " between columns); expected 2 (x, y)" + hint(delimiter));
                }
                double[] p = new double[2];
                for (int d = 0; d < 2; d++) {
                    String cell = cells.get(d);
                    if (!NUMBER.matcher(cell).matches()) {
                        throw refused(source, line, "'" + abbreviate(cell) + "' is not a number");
                    }
                    char mark = cell.indexOf(',') >= 0 ? ',' : cell.indexOf('.') >= 0 ? '.' : 0;
                    if (mark != 0 && decimal == 0) {
                        decimal = mark;
                        decimalLine = line;
                    } else if (mark != 0 && mark != decimal) {
                        throw refused(source, line, "'" + abbreviate(cell) + "' has a decimal " + name(mark)
                                + (decimalLine > 0 ? ", but line " + decimalLine + " used a decimal " + name(decimal)
                                : ", but the columns are separated by commas")
                                + "; use one decimal mark");
                    }
                    p[d] = Double.parseDouble(cell.replace(',', '.'));
                    if (!Double.isFinite(p[d])) {
                        throw refused(source, line, "'" + abbreviate(cell) + "' is too large a number");
                    }
                }
                points.add(p);
                if (points.size() > UserData.MAX_POINTS) {
                    throw new IllegalArgumentException(source + ": more than " + UserData.MAX_POINTS + " points");
                }
            }
        } catch (UncheckedIOException | IOException e) {
            // Commons CSV reports malformed quoting this way; its message has the line.
            throw new IllegalArgumentException(source + ": cannot be read as CSV: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(source + ": cannot be read as CSV: " + e.getMessage(), e);
        }
        try {
            return new UserData(points.toArray(double[][]::new));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** The delimiter a file uses (see the class comment for the order of preference). */
    static char delimiterOf(String text) {
        boolean tab = false;
        boolean comma = false;
        for (String line : text.split("\r?\n|\r")) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            if (s.indexOf(';') >= 0) {
                return ';';
            }
            tab |= s.indexOf('\t') >= 0;
            comma |= s.indexOf(',') >= 0;
        }
        return tab ? '\t' : comma ? ',' : ' ';
    }

    /** The record's cells; with spaces as the delimiter, a run of spaces separates two cells. */
    private static List<String> cells(CSVRecord record, char delimiter) {
        List<String> cells = new ArrayList<>(Arrays.asList(record.values()));
        if (delimiter == ' ') {
            cells.removeIf(String::isEmpty);
        } else if (cells.size() == 1 && cells.get(0).isEmpty()) {
            cells.clear();
        }
        return cells;
    }

    private static String hint(char delimiter) {
        return delimiter == ',' ? " (with decimal commas, separate the columns with ';' or tabs)" : "";
    }

    private static String describe(char delimiter) {
        return switch (delimiter) {
            case ';' -> "';'";
            case '\t' -> "tabs";
            case ',' -> "','";
            default -> "spaces";
        };
    }

    private static String name(char mark) {
        return mark == ',' ? "comma" : "point";
    }

    private static IllegalArgumentException refused(String source, int line, String reason) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "%s, line %d: %s", source, line, reason));
    }

    private static String abbreviate(String cell) {
        return cell.length() > 40 ? cell.substring(0, 40) + "\u2026" : cell;
    }

    /** Line numbers of records. */
    private static final class Lines {
        private final String text;
        private final int[] starts;

        Lines(String text) {
            this.text = text;
            List<Integer> s = new ArrayList<>();
            s.add(0);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                    s.add(i + 1);
                }
            }
            starts = s.stream().mapToInt(Integer::intValue).toArray();
        }

        /**
         * 1-based line of a record that starts at a character position. Commons CSV counts the comment and blank
         * lines before a record as its start, so those are skipped.
         */
        int lineOf(long position) {
            int i = Arrays.binarySearch(starts, (int) position);
            int line = i >= 0 ? i : -i - 2;
            while (line + 1 < starts.length && skipped(line)) {
                line++;
            }
            return line + 1;
        }

        private boolean skipped(int line) {
            String s = text.substring(starts[line], line + 1 < starts.length ? starts[line + 1] : text.length()).strip();
            return s.isEmpty() || s.startsWith("#");
        }
    }
}
