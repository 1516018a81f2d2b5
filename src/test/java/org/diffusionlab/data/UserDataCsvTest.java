package org.diffusionlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's CSV files: the delimiter and decimal mark read off the file, and what cannot be read one way refused. */
class UserDataCsvTest {

    private static final double[][] POINTS = {{0.5, 1.5}, {-2, 3.25}, {4, 1e-3}};

    private static void assertPoints(String text) {
        UserData u = UserDataCsv.parse(text, "p.csv");
        assertEquals(POINTS.length, u.size(), text);
        for (int i = 0; i < POINTS.length; i++) {
            assertArrayEquals(POINTS[i], u.point(i), 1e-15, text);
        }
    }

    private static String refusal(String text) {
        return assertThrows(IllegalArgumentException.class, () -> UserDataCsv.parse(text, "p.csv")).getMessage();
    }

    @Test
    void everyUsualDialectGivesTheSamePoints() {
        assertPoints("x,y\n0.5,1.5\n-2,3.25\n4,1e-3\n");
        assertPoints("0,5;1,5\n-2;3,25\n4;0,001\n");                 // European: semicolons and decimal commas
        assertPoints("x;y\r\n0.5;1.5\r\n-2;3.25\r\n4;0.001\r\n");      // semicolons with decimal points, CRLF
        assertPoints("x\ty\n0,5\t1,5\n-2\t3,25\n4\t1E-3\n");           // tabs with decimal commas
        assertPoints("# measured\n  0.5   1.5\n-2 3.25\n\n4 0.001\n");  // aligned by spaces
        assertPoints("\uFEFF\"x\",\"y\"\n\"0.5\",\"1.5\"\n-2,3.25\n4,.001\n");   // BOM, quotes, a bare fraction
        assertPoints("\"x\";\"y\"\n\"0,5\";\"1,5\"\n-2;3,25\n4;0,001");    // no newline at the end
    }

    @Test
    void aThirdColumnIsRefusedWithItsLine() {
        String m = refusal("x,y\n1,2\n3,4,5\n6,7\n");
        assertTrue(m.startsWith("p.csv, line 3: 3 columns") && m.contains("expected 2 (x, y)"), m);
        m = refusal("x,y,z\n1,2,3\n3,4,5\n6,7,8\n");
        assertTrue(m.startsWith("p.csv, line 1: the header has 3 columns"), m);
        m = refusal("1;2;\n3;4\n5;6\n");                        // a trailing delimiter is an empty third column
        assertTrue(m.startsWith("p.csv, line 1: 3 columns"), m);
    }

    @Test
    void decimalCommasWithCommaDelimitersAreRefusedNotMisread() {
        String m = refusal("0,5,1,5\n2,5,3,5\n4,5,5,5\n");
        assertTrue(m.startsWith("p.csv, line 1: 4 columns") && m.contains("separate the columns with ';' or tabs"), m);
        m = refusal("0,5 1,5\n2,5 3,5\n4,5 5,5\n");
        assertTrue(m.startsWith("p.csv, line 1: 3 columns"), m);
    }

    @Test
    void mixedDecimalMarksAreRefused() {
        String m = refusal("1.5;2\n3;4\n# note\n5,5;6\n");
        assertTrue(m.startsWith("p.csv, line 4: '5,5' has a decimal comma, but line 1 used a decimal point"), m);
    }

    @Test
    void mixedDelimitersAreRefused() {
        String m = refusal("1;2\n3 4\n5;6\n");
        assertTrue(m.startsWith("p.csv, line 2: 1 column"), m);
    }

    @Test
    void cellsThatAreNotNumbersAreRefused() {
        assertTrue(refusal("x,y\n1,2\n3,oops\n").startsWith("p.csv, line 3: 'oops' is not a number"));
        assertTrue(refusal("1,2\n3,NaN\n4,5\n").startsWith("p.csv, line 2: 'NaN' is not a number"));
        assertTrue(refusal("1,2\n3,Infinity\n4,5\n").contains("not a number"));
        assertTrue(refusal("1,2\n3,0x10\n4,5\n").contains("not a number"));
        assertTrue(refusal("1;2\n3;1.234,5\n4;5\n").contains("'1.234,5' is not a number"));
        assertTrue(refusal("1,2\n3,1e999\n4,5\n").startsWith("p.csv, line 2: '1e999' is too large a number"));
        assertTrue(refusal("1,2\n\"3,4\n5,6\n").startsWith("p.csv: cannot be read as CSV"));
    }

    @Test
    void tooFewPointsAreRefused() {
        assertTrue(refusal("x,y\n1,2\n3,4\n").contains("at least 3 points"));
        assertTrue(refusal("").contains("at least 3 points"));
    }

    @Test
    void aFileIsReadAsUtf8AndNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mine.csv");
        Files.writeString(f, "0,5;1,5\n-2;3,25\n4;0,001\n", StandardCharsets.UTF_8);
        assertEquals(3, UserDataCsv.read(f).size());
        Path bin = dir.resolve("sheet.csv");
        Files.write(bin, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserDataCsv.read(bin));
        assertTrue(e.getMessage().startsWith(bin + ": not a text file in UTF-8"), e.getMessage());
    }

    @Test
    void theModelFilesCsvReadsBackBitForBit() {
        UserData u = new UserData(new double[][] {{Math.PI, -1e-300}, {1.0 / 3, 2}, {7, Double.MIN_VALUE}});
        assertEquals(u, UserDataCsv.parse(u.toCsv(), "x.csv"));
    }
}
