package org.diffusionlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.diffusionlab.engine.binomial.BinomialModelFile;
import org.diffusionlab.engine.binomial.SavedBinomialModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --dataset heartbeat, then evaluate and sample the model it wrote; options that do not apply are refused. */
class HeartbeatCliTest {

    @TempDir
    static Path dir;
    static Path model;
    static CliRun training;

    @BeforeAll
    static void trainOnce() {
        model = dir.resolve("hb.dlab");
        training = CliRun.of("train", "--dataset", "heartbeat", "--T", "100", "--iterations", "40", "--seed", "3",
                "--arch", "tanh:16", "--bumps", "4", "--out", model.toString());
    }

    @Test
    void trainWritesABinomialModel() throws Exception {
        assertEquals(0, training.exitCode(), training.transcript());
        SavedBinomialModel m = BinomialModelFile.load(model);
        assertEquals(40, m.iterations());
        assertEquals(100, m.model().config().steps());
        assertEquals("tanh:16", m.model().config().network());
        assertTrue(training.out().contains("bits per sequence"), training.transcript());
    }

    @Test
    void evaluateReportsTheBoundTheCeilingAndTheSamples() {
        CliRun r = CliRun.of("evaluate", model.toString(), "--draws", "4", "--n", "50");
        assertEquals(0, r.exitCode(), r.transcript());
        for (String s : new String[]{"Bound K", "K - L_null", "Ceiling", "-2.3219", "-14.4386", "true heartbeats"}) {
            assertTrue(r.out().contains(s), s + " missing:\n" + r.transcript());
        }
        CliRun json = CliRun.of("evaluate", model.toString(), "--draws", "4", "--n", "50", "--json");
        assertEquals(0, json.exitCode(), json.transcript());
        for (String key : new String[]{"\"k_bits\":", "\"k_se_bits\":", "\"k_minus_lnull_bits\":", "\"ceiling_bits\":",
                "\"true_loglik_bits\":", "\"fraction_heartbeats\":", "\"per_step_kl_bits\":"}) {
            assertTrue(json.out().contains(key), key + " missing: " + json.out());
        }
    }

    @Test
    void sampleWritesSequencesAsCsv() {
        CliRun r = CliRun.of("sample", model.toString(), "--n", "7", "--out", "-");
        assertEquals(0, r.exitCode(), r.transcript());
        String[] lines = r.out().trim().split("\n");
        assertEquals(8, lines.length, r.transcript());
        assertTrue(lines[0].startsWith("b1,b2,"), lines[0]);
        assertTrue(lines[1].matches("[01](,[01]){19}"), lines[1]);
    }

    @Test
    void trajectoryWritesEveryStep() {
        CliRun r = CliRun.of("trajectory", model.toString(), "--n", "2", "--fix", "3=1", "--out", "-");
        assertEquals(0, r.exitCode(), r.transcript());
        String[] lines = r.out().trim().split("\n");
        assertEquals(1 + 2 * 101, lines.length, "header, then 2 sequences at t = 100..0");
        assertTrue(lines[0].startsWith("t,sequence,b1,"), lines[0]);
        assertTrue(lines[1].startsWith("100,0,"), lines[1]);
        assertTrue(lines[lines.length - 1].matches("0,1,[01],[01],1(,[01]){17}"), "bin 3 fixed to 1: " + lines[lines.length - 1]);
    }

    @Test
    void optionsThatDoNotApplyAreRefused() {
        CliRun r = CliRun.of("train", "--dataset", "heartbeat", "--noise", "0.1", "--iterations", "1", "--out",
                dir.resolve("x.dlab").toString());
        assertEquals(2, r.exitCode(), r.transcript());
        assertTrue(r.err().contains("--noise does not apply"), r.transcript());
        CliRun bumps = CliRun.of("train", "--bumps", "3", "--iterations", "1", "--out", dir.resolve("y.dlab").toString());
        assertEquals(2, bumps.exitCode(), bumps.transcript());
        CliRun negative = CliRun.of("evaluate", model.toString(), "--n", "-1");
        assertEquals(2, negative.exitCode(), negative.transcript());
        CliRun badFix = CliRun.of("sample", model.toString(), "--n", "2", "--fix", "21=1", "--out", "-");
        assertEquals(2, badFix.exitCode(), badFix.transcript());
        assertTrue(badFix.err().contains("bins are 1..20"), badFix.transcript());
        CliRun draws = CliRun.of("train", "--dataset", "heartbeat", "--arch", "relu:3", "--dry-run");
        assertEquals(2, draws.exitCode(), draws.transcript());
        assertTrue(draws.err().contains("sigmoid or tanh"), draws.transcript());
        CliRun imageOnly = CliRun.of("train", "--dataset", "heartbeat", "--size", "20", "--dry-run");
        assertEquals(2, imageOnly.exitCode(), imageOnly.transcript());
        assertTrue(imageOnly.err().contains("apply to image data sets only"), imageOnly.transcript());
    }
}
