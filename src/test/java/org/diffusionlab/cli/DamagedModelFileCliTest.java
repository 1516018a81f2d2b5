package org.diffusionlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 29's sweep, on the command line: damaged shipped models and a named pipe are refused, naming the file. */
class DamagedModelFileCliTest {

    @TempDir
    Path dir;

    private static void assertRefused(CliRun r, Path file, String cause) {
        // A refused input file is refused before the run: the exit-code table's 2, as for bad options.
        assertEquals(DiffusionLabCli.EXIT_USAGE, r.exitCode(), r.transcript());
        assertTrue(r.err().contains(file.toAbsolutePath().normalize().toString()), r.transcript());
        assertTrue(r.err().contains(cause), r.transcript());
    }

    @Test
    void shippedModelsCutShortAreRefusedWhateverTheirKind() throws Exception {
        for (String name : new String[] {"texture", "heartbeat-t2000", "swissroll"}) {
            byte[] good = Files.readAllBytes(Path.of("assets", "models", name + ".dlab"));
            for (int cut : new int[] {1, 37, 100}) {
                Path file = dir.resolve(name + "-" + cut + ".dlab");
                Files.write(file, Arrays.copyOf(good, good.length - cut));
                CliRun r = name.equals("texture")
                        ? CliRun.of("sample", file.toString(), "--n", "1", "--png", dir.resolve("o.png").toString())
                        : CliRun.of("sample", file.toString(), "--n", "1", "--out", "-");
                assertRefused(r, file, "truncated or corrupt");
                assertFalse(Files.exists(dir.resolve("o.png")));
            }
        }
    }

    @Test
    void aNamedPipeIsRefusedWithoutHanging() throws Exception {
        Path fifo = dir.resolve("f.dlab");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor() == 0 && Files.exists(fifo), "mkfifo is not available here");
        CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliRun.of("evaluate", fifo.toString()));
        assertRefused(r, fifo, "not a regular file");
    }
}
