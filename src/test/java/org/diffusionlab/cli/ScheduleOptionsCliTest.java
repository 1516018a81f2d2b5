package org.diffusionlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.diffusionlab.engine.io.ModelFile;
import org.diffusionlab.engine.io.SavedModel;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.diffusionlab.engine.schedule.ScheduleCsv;
import org.diffusionlab.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --schedule binomial and --schedule-csv FILE (the Schedule pane's CSV). */
class ScheduleOptionsCliTest {

    @TempDir
    Path dir;

    @Test
    void binomialIsANamedSchedule() {
        CliRun r = CliRun.of("train", "--schedule", "binomial", "--fixed-beta", "--dry-run");
        assertEquals(0, r.exitCode(), r.transcript());
        assertTrue(r.out().contains("schedule      binomial (fixed)"), r.transcript());
    }

    @Test
    void aScheduleCsvIsTrainedOnExactlyAndKeptInTheModelFile() throws Exception {
        BetaSchedule s = BetaSchedule.fromControlPoints(10, new int[]{1, 5, 10}, new double[]{0.002, 0.05, 0.4});
        Path csv = dir.resolve("mine.csv");
        ScheduleCsv.save(csv, s);
        Path out = dir.resolve("m.dlab");
        CliRun r = CliRun.of("train", "--schedule-csv", csv.toString(), "--fixed-beta", "--arch", "paper",
                "--batch", "16", "--iterations", "5", "--seed", "3", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.transcript());
        SavedModel m = ModelFile.load(out);
        assertEquals(TrainingConfig.CUSTOM, m.model().config().schedule());
        assertEquals(10, m.model().config().steps(), "T comes from the file");
        assertEquals(s.beta(1), m.model().config().beta1(), "and beta_1 too");
        assertArrayEquals(s.betas(), m.model().schedule().betas());
        CliRun eval = CliRun.of("evaluate", out.toString(), "--n", "200", "--is-points", "0");
        assertEquals(0, eval.exitCode(), eval.transcript());
        assertTrue(eval.out().contains("custom"), eval.transcript());
    }

    @Test
    void badScheduleOptionsAreRefusedWithTheReason() throws Exception {
        Path csv = dir.resolve("s.csv");
        ScheduleCsv.save(csv, BetaSchedule.linear(10, 0.001, 0.2));
        CliRun both = CliRun.of("train", "--schedule-csv", csv.toString(), "--schedule", "cosine", "--dry-run");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("not both"), both.transcript());
        CliRun t = CliRun.of("train", "--schedule-csv", csv.toString(), "--T", "20", "--dry-run");
        assertEquals(2, t.exitCode());
        assertTrue(t.err().contains("T = 10"), t.transcript());
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "t,beta\n1,0.1\n2,7\n");
        CliRun b = CliRun.of("train", "--schedule-csv", bad.toString(), "--dry-run");
        assertEquals(2, b.exitCode(), "bad --schedule-csv contents are bad input, as --data-csv");
        assertTrue(b.err().contains(bad.toString()) && b.err().contains("line 3"), b.transcript());
        CliRun dry = CliRun.of("train", "--schedule-csv", csv.toString(), "--dry-run");
        assertEquals(0, dry.exitCode(), dry.transcript());
        assertTrue(dry.out().contains("custom, from " + csv), dry.transcript());
    }
}
