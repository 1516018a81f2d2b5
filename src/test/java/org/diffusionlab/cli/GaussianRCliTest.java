package org.diffusionlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sample --r-gaussian MX,MY,S}: the model multiplied by a Gaussian r, and its refusals. */
class GaussianRCliTest {

    @TempDir
    Path dir;

    @Test
    void samplesGatherAroundAnRInsideTheRoll() throws Exception {
        Path out = dir.resolve("near.csv");
        CliRun r = CliRun.of("sample", "assets/models/swissroll.dlab", "--n", "400", "--r-gaussian", "1,0.5,0.3",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.transcript());
        List<String> lines = Files.readAllLines(out);
        assertEquals("x,y", lines.get(0));
        assertEquals(401, lines.size());
        double sx = 0;
        double sy = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] xy = line.split(",");
            sx += Double.parseDouble(xy[0]);
            sy += Double.parseDouble(xy[1]);
        }
        // the product p r lies near r's centre (within r's spread), unlike the whole roll (mean ~ 0)
        assertTrue(Math.hypot(sx / 400 - 1, sy / 400 - 0.5) < 0.3, "mean " + sx / 400 + ", " + sy / 400);
    }

    @Test
    void badRIsAUsageError() {
        for (String bad : new String[] {"1,2", "a,b,c", "1,2,0", "1,2,-3"}) {
            CliRun r = CliRun.of("sample", "assets/models/swissroll.dlab", "--n", "10", "--r-gaussian", bad, "--out",
                    dir.resolve("x.csv").toString());
            assertEquals(2, r.exitCode(), r.transcript());
            assertTrue(r.err().contains("--r-gaussian"), r.transcript());
        }
    }
}
