package org.diffusionlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.diffusionlab.engine.io.ModelFile;
import org.diffusionlab.engine.model.KernelForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --covariance}: the kernel form reaches the config and the file, and bad values are refused. */
class CovarianceCliTest {

    @TempDir
    Path dir;

    @Test
    void dryRunShowsTheCovarianceForm() {
        CliRun paper = CliRun.of("train", "--preset", "paper", "--dry-run");
        assertTrue(paper.out().contains("covariance    diagonal"), paper.transcript());
        CliRun full = CliRun.of("train", "--preset", "paper", "--covariance", "full", "--dry-run");
        assertEquals(0, full.exitCode(), full.transcript());
        assertTrue(full.out().contains("covariance    full"), full.transcript());
    }

    @Test
    void badFormsAndOtherDataAreRefused() {
        CliRun bad = CliRun.of("train", "--covariance", "banded", "--dry-run");
        assertEquals(2, bad.exitCode(), bad.transcript());
        assertTrue(bad.err().contains("covariance must be diagonal or full, got banded"), bad.transcript());
        CliRun heartbeat = CliRun.of("train", "--dataset", "heartbeat", "--covariance", "full", "--dry-run");
        assertEquals(2, heartbeat.exitCode(), heartbeat.transcript());
        assertTrue(heartbeat.err().contains("--covariance applies to 2-D data sets only"), heartbeat.transcript());
    }

    @Test
    void aTrainedFullModelIsSavedAndEvaluated() throws Exception {
        Path out = dir.resolve("full.dlab");
        CliRun train = CliRun.of("train", "--T", "6", "--covariance", "full", "--iterations", "5", "--out", out.toString());
        assertEquals(0, train.exitCode(), train.transcript());
        assertEquals(KernelForm.FULL, ModelFile.load(out).model().config().covariance());
        CliRun eval = CliRun.of("evaluate", out.toString(), "--n", "200", "--is-points", "5", "--json");
        assertEquals(0, eval.exitCode(), eval.transcript());
        assertTrue(eval.out().contains("\"covariance\":\"full\"") || eval.out().contains("\"covariance\": \"full\""),
                eval.transcript());
    }
}
