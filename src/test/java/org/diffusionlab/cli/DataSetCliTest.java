package org.diffusionlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.diffusionlab.data.UserData;
import org.diffusionlab.engine.io.ModelFile;
import org.diffusionlab.engine.io.SavedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --dataset and --data-csv. */
class DataSetCliTest {

    @TempDir
    Path dir;

    @Test
    void everyBuiltInDataSetIsAccepted() {
        for (String name : new String[] {"swissroll", "moons", "gaussians8", "ring"}) {
            CliRun r = CliRun.of("train", "--dataset", name, "--dry-run");
            assertEquals(0, r.exitCode(), r.transcript());
            assertTrue(r.out().contains("dataset       " + name), r.transcript());
        }
        CliRun bad = CliRun.of("train", "--dataset", "cats", "--dry-run");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("dataset must be one of"), bad.transcript());
    }

    @Test
    void ownPointsTrainAndTravelInTheModelFile() throws Exception {
        Path csv = dir.resolve("mine.csv");
        Files.writeString(csv, "x,y\n0,0\n1,0\n0,1\n1,1\n0.5,0.5\n");
        Path out = dir.resolve("mine.dlab");
        CliRun r = CliRun.of("train", "--data-csv", csv.toString(), "--arch", "paper", "--T", "5", "--iterations", "5",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.transcript());
        SavedModel m = ModelFile.load(out);
        UserData expected = UserData.parseCsv(Files.readString(csv), "mine.csv");
        assertEquals(expected.id(), m.model().config().dataset());
        CliRun sample = CliRun.of("sample", out.toString(), "--n", "10", "--out", "-");
        assertEquals(0, sample.exitCode(), sample.transcript());

        Path broken = dir.resolve("broken.csv");
        Files.writeString(broken, "x,y\n0,0\n1,zero\n");
        CliRun bad = CliRun.of("train", "--data-csv", broken.toString(), "--dry-run");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("broken.csv, line 3"), bad.transcript());
        CliRun both = CliRun.of("train", "--data-csv", csv.toString(), "--dataset", "ring", "--dry-run");
        assertEquals(2, both.exitCode());
    }
}
