package org.diffusionlab.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleCsvTest {

    @TempDir
    Path dir;

    @Test
    void aSavedScheduleReadsBackBitForBit() throws IOException {
        BetaSchedule s = BetaSchedule.cosine(40, 1e-3);
        Path f = dir.resolve("cos.csv");
        ScheduleCsv.save(f, s);
        BetaSchedule back = ScheduleCsv.load(f, "mine");
        assertArrayEquals(s.betas(), back.betas());
        assertEquals("mine", back.name());
        assertTrue(Files.readString(f).startsWith("t,beta\n1,0.001\n"));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void badFilesAreRefusedNamingTheFileAndTheLine() throws IOException {
        assertRefused("", "empty");
        assertRefused("x,y\n1,0.1\n2,0.1\n", "line 1 is \"x,y\"");
        assertRefused("t,beta\n1,0.1\n3,0.1\n", "line 3 has t = 3, expected t = 2");
        assertRefused("t,beta\n1,0.1\n2,1.5\n", "line 3: beta_2 = 1.5 is outside (0, 1)");
        assertRefused("t,beta\n1,0.1\n2,abc\n", "line 3: beta = \"abc\" is not a number");
        assertRefused("t,beta\n1,0.1,4\n", "line 2 has 3 values");
        assertRefused("t,beta\n1,0.1\n", "a schedule needs at least 2");
        IOException missing = assertThrows(IOException.class, () -> ScheduleCsv.load(dir.resolve("nope.csv"), "x"));
        assertTrue(missing.getMessage().contains("nope.csv") && missing.getMessage().contains("no such file"),
                missing.getMessage());
    }

    @Test
    void windowsLineEndsBlankLinesAndSpacesAreAccepted() {
        BetaSchedule s = ScheduleCsv.parse("\r\nt, beta\r\n1, 0.25\r\n\r\n2,0.5\r\n", "x");
        assertArrayEquals(new double[]{0.25, 0.5}, s.betas());
    }

    private void assertRefused(String text, String reason) throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, text);
        IOException e = assertThrows(IOException.class, () -> ScheduleCsv.load(f, "x"));
        assertTrue(e.getMessage().startsWith("Cannot read schedule file " + f), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
