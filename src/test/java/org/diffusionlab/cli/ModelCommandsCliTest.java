package org.diffusionlab.cli;

import static org.diffusionlab.cli.DiffusionLabCliTest.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.diffusionlab.engine.io.ModelFile;
import org.diffusionlab.engine.io.SavedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, evaluate, sample and trajectory on one small model, and the failures of reading model files. */
class ModelCommandsCliTest {

    /** A small, fast model: the paper's 16-RBF network, T = 10, 30 iterations. */
    static final String[] SMALL = {"--arch", "paper", "--T", "10", "--batch", "32", "--iterations", "30"};
    static final String[] FAST_EVAL = {"--n", "300", "--is-points", "20", "--is-paths", "10"};

    @TempDir
    static Path dir;
    static Path model;
    static CliRun training;

    @BeforeAll
    static void trainOnce() {
        model = dir.resolve("small.dlab");
        training = CliRun.of(concat(new String[]{"train", "--seed", "5", "--out", model.toString()}, SMALL));
    }

    static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    @Test
    void trainWritesALoadableModelAndASummary() throws Exception {
        assertEquals(0, training.exitCode(), training.transcript());
        SavedModel m = ModelFile.load(model);
        assertEquals(30, m.iterations());
        assertEquals(10, m.model().config().steps());
        assertEquals("paper", m.model().config().architecture());
        assertEquals(5, m.model().config().seed());
        assertFalse(m.history().isEmpty(), "the final holdout K is recorded");
        assertTrue(training.out().contains("Trained 30 iterations"), training.transcript());
        assertTrue(training.out().matches("(?s).*Holdout K = -?\\d+\\.\\d+ bits.*"), training.transcript());
        assertTrue(training.err().contains("holdout K"), "progress line on stderr:\n" + training.transcript());
        assertFalse(training.err().contains("\r"), "no carriage returns when stderr is not a terminal");
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")),
                    "no temporary or probe files are left behind");
        }
    }

    @Test
    void evaluateJsonHasTheKeysAndAFiniteBound() {
        CliRun r = CliRun.of(concat(new String[]{"evaluate", model.toString(), "--json"}, FAST_EVAL));
        assertEquals(0, r.exitCode(), r.transcript());
        String json = r.out().trim();
        assertTrue(json.startsWith("{") && json.endsWith("}"), r.transcript());
        assertEquals(1, json.lines().count(), "one JSON object on one line");
        for (String key : List.of("k_bits", "k_se_bits", "k_minus_lnull_bits", "lnull_bits", "is_loglik_bits",
                "is_se_bits", "ceiling_bits", "per_step_kl_bits", "n", "best_kernel_k_bits", "best_kernel_k_se_bits",
                "best_kernel_per_step_kl_bits")) {
            assertTrue(json.contains("\"" + key + "\":"), key + " missing: " + json);
        }
        double k = number(json, "k_bits");
        double lnull = number(json, "lnull_bits");
        assertTrue(Double.isFinite(k), json);
        assertEquals(k - lnull, number(json, "k_minus_lnull_bits"), 1e-9);
        assertEquals(-4.094, lnull, 1e-3, "L_null of 2-D unit-variance data");
        assertEquals(300, number(json, "n"));
        assertTrue(number(json, "best_kernel_k_bits") > k, "a 30-iteration network is far below the best kernel: " + json);
        Matcher perStep = Pattern.compile("\"per_step_kl_bits\":\\[([^\\]]*)]").matcher(json);
        assertTrue(perStep.find(), json);
        assertEquals(11, perStep.group(1).split(",").length, "one entry per t = 0..T");
        assertFalse(json.contains("NaN") || json.contains("Infinity"), "valid JSON numbers only: " + json);
    }

    static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.eE+-]+)").matcher(json);
        assertTrue(m.find(), key + " is not a number in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void evaluateTablePrintsEveryFigure() {
        CliRun r = CliRun.of(concat(new String[]{"evaluate", model.toString()}, FAST_EVAL));
        assertEquals(0, r.exitCode(), r.transcript());
        for (String label : List.of("Bound K", "K - L_null", "IS log-likelihood", "Ceiling", "L_null",
                "Entropy terms", "Per-step KL", "Best Gaussian kernel K")) {
            assertTrue(r.out().contains(label), label + " missing:\n" + r.transcript());
        }
        assertTrue(r.out().contains("+/-"), r.transcript());
    }

    @Test
    void sampleWritesNRowsWithAHeader() throws Exception {
        Path csv = dir.resolve("samples.csv");
        CliRun r = CliRun.of("sample", model.toString(), "--n", "37", "--seed", "3", "--out", csv.toString());
        assertEquals(0, r.exitCode(), r.transcript());
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("x,y", lines.get(0));
        assertEquals(38, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] xy = line.split(",");
            assertEquals(2, xy.length, line);
            assertTrue(Double.isFinite(Double.parseDouble(xy[0])) && Double.isFinite(Double.parseDouble(xy[1])), line);
        }
        CliRun again = CliRun.of("sample", model.toString(), "--n", "37", "--seed", "3", "--out", "-");
        assertEquals(String.join("\n", lines) + "\n", again.out(), "same seed, same samples; '-' is stdout");
    }

    @Test
    void trajectoryWritesEveryStepFromTDownToZero() throws Exception {
        Path csv = dir.resolve("traj.csv");
        CliRun r = CliRun.of("trajectory", model.toString(), "--n", "4", "--out", csv.toString());
        assertEquals(0, r.exitCode(), r.transcript());
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("t,point,x,y", lines.get(0));
        assertEquals(1 + 4 * 11, lines.size());
        assertTrue(lines.get(1).startsWith("10,0,"), lines.get(1));
        assertTrue(lines.get(4).startsWith("10,3,"), lines.get(4));
        assertTrue(lines.get(lines.size() - 1).startsWith("0,3,"), lines.get(lines.size() - 1));
    }

    @Test
    void evaluateOnACorruptFileExits2NamingTheFile() throws Exception {
        Path bad = dir.resolve("corrupt.dlab");
        byte[] good = Files.readAllBytes(model);
        Files.write(bad, java.util.Arrays.copyOf(good, good.length / 2));
        CliRun r = CliRun.of(concat(new String[]{"evaluate", bad.toString()}, FAST_EVAL));
        assertEquals(2, r.exitCode(), r.transcript());
        assertTrue(r.err().contains("corrupt.dlab"), r.transcript());
        assertNoStackTrace(r);

        Path text = dir.resolve("notes.dlab");
        Files.writeString(text, "not a model\n");
        CliRun r2 = CliRun.of("evaluate", text.toString());
        assertEquals(2, r2.exitCode(), r2.transcript());
        assertTrue(r2.err().contains("notes.dlab"), r2.transcript());
        assertNoStackTrace(r2);
    }

    @Test
    void evaluateOnAMissingFileExits2() {
        CliRun r = CliRun.of("evaluate", dir.resolve("missing.dlab").toString());
        assertEquals(2, r.exitCode(), r.transcript());
        assertTrue(r.err().contains("missing.dlab"), r.transcript());
        assertNoStackTrace(r);
    }

    @Test
    void sampleOnAMissingFileExits2AndWritesNothing() {
        Path csv = dir.resolve("never.csv");
        CliRun r = CliRun.of("sample", dir.resolve("missing.dlab").toString(), "--n", "3", "--out", csv.toString());
        assertEquals(2, r.exitCode(), r.transcript());
        assertFalse(Files.exists(csv));
        assertNoStackTrace(r);
    }

    @Test
    void scheduleSearchComparesAndWritesTheScheduleFound() throws Exception {
        Path csv = dir.resolve("found.csv");
        CliRun r = CliRun.of("evaluate", model.toString(), "--n", "200", "--is-points", "0", "--search-schedule", "2",
                "--schedule-out", csv.toString());
        assertEquals(0, r.exitCode(), r.transcript());
        assertTrue(r.out().contains("Best Gaussian kernel K, schedule found"), r.transcript());
        assertTrue(r.err().contains("schedule search 2/2"), "progress on stderr:\n" + r.transcript());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("t,beta", lines.get(0));
        assertEquals(11, lines.size(), "header and t = 1..10");
        CliRun orphan = CliRun.of("evaluate", model.toString(), "--schedule-out", csv.toString());
        assertEquals(2, orphan.exitCode(), orphan.transcript());
        assertTrue(orphan.err().contains("--search-schedule"), orphan.transcript());
    }

    @Test
    void evaluateRefusesBadCounts() {
        CliRun r = CliRun.of("evaluate", model.toString(), "--n", "100", "--is-points", "200");
        assertEquals(2, r.exitCode(), r.transcript());
        assertTrue(r.err().contains("--is-points"), r.transcript());
    }
}
