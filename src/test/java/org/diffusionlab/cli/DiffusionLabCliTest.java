package org.diffusionlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.diffusionlab.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Top-level behaviour: version, help, and refusals of bad arguments (exit 2, the reason, no stack trace). */
class DiffusionLabCliTest {

    @TempDir
    Path dir;

    static void assertNoStackTrace(CliRun r) {
        assertFalse(r.err().contains("\tat "), "stack trace on stderr:\n" + r.transcript());
        assertFalse(r.err().contains("Exception"), "exception name on stderr:\n" + r.transcript());
        assertFalse(r.out().contains("\tat "), "stack trace on stdout:\n" + r.transcript());
    }

    @Test
    void versionPrintsTheAppVersion() {
        CliRun r = CliRun.of("--version");
        assertEquals(0, r.exitCode(), r.transcript());
        assertTrue(r.out().contains(Version.get()), r.transcript());
    }

    @Test
    void helpListsEverySubcommandAndTheExitCodes() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.exitCode(), r.transcript());
        for (String c : new String[]{"train", "evaluate", "sample", "trajectory", "bench"}) {
            assertTrue(r.out().contains(c), c + " missing:\n" + r.transcript());
        }
        assertFalse(r.out().contains("bench-worker"), "the helper command is hidden");
        assertTrue(r.out().contains("Exit codes"), r.transcript());
    }

    @ParameterizedTest
    @CsvSource({"train", "evaluate", "sample", "trajectory", "bench"})
    void everySubcommandHasHelp(String command) {
        CliRun r = CliRun.of(command, "--help");
        assertEquals(0, r.exitCode(), r.transcript());
        assertTrue(r.out().contains("Usage: diffusionlab " + command), r.transcript());
        assertTrue(r.out().contains("Exit codes"), r.transcript());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--T 1                      | T must be between 2 and 1000, got 1",
            "--lr -1                    | learning rate must be in (0, 1], got -1",
            "--arch no-such-network     | no-such-network",
            "--dataset mnist            | dataset must be one of",
            "--batch 0                  | batch size must be between 1 and 65536",
            "--beta1 0.7                | beta_1 must be in (0, 0.5)",
            "--noise -2                 | noise must be between 0 and 5",
            "--schedule zigzag          | schedule must be one of",
            "--preset huge              | Unknown preset 'huge'",
            "--iterations 0             | --iterations must be at least 1",
            "--seconds -3               | --seconds must be a positive number",
            "--iterations 5 --seconds 5 | mutually exclusive",
            "--lr abc                   | '--lr': 'abc' is not a double",
            "--no-such-option           | Unknown option: '--no-such-option'"})
    void trainRefusesBadArgumentsWithTheReason(String badArgs, String reason) {
        String[] args = ("train --out " + dir.resolve("m.dlab") + " " + badArgs.trim()).split("\\s+");
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exitCode(), r.transcript());
        assertTrue(r.err().contains(reason.trim()), "reason '" + reason.trim() + "' missing:\n" + r.transcript());
        assertNoStackTrace(r);
        assertFalse(Files.exists(dir.resolve("m.dlab")), "nothing is trained or written");
    }

    @Test
    void trainReportsEveryProblemAtOnce() {
        CliRun r = CliRun.of("train", "--T", "1", "--lr", "-1", "--out", dir.resolve("m.dlab").toString());
        assertEquals(2, r.exitCode(), r.transcript());
        assertTrue(r.err().contains("T must be") && r.err().contains("learning rate"), r.transcript());
    }

    @Test
    void trainNeedsAnOutputFileAndAnExistingFolder() {
        CliRun missing = CliRun.of("train", "--iterations", "1");
        assertEquals(2, missing.exitCode(), missing.transcript());
        assertTrue(missing.err().contains("--out"), missing.transcript());

        CliRun noFolder = CliRun.of("train", "--iterations", "1", "--out", dir.resolve("nope/m.dlab").toString());
        assertEquals(2, noFolder.exitCode(), noFolder.transcript());
        assertTrue(noFolder.err().contains("does not exist"), noFolder.transcript());
        assertNoStackTrace(noFolder);
    }

    @Test
    void dryRunPrintsTheResolvedSettingsWithoutTraining() {
        CliRun r = CliRun.of("train", "--preset", "paper", "--T", "12", "--lr", "0.002", "--fixed-beta", "--dry-run");
        assertEquals(0, r.exitCode(), r.transcript());
        assertTrue(r.out().contains("T             12"), r.transcript());
        assertTrue(r.out().contains("lr 0.002"), r.transcript());
        assertTrue(r.out().contains("(fixed)"), r.transcript());
    }

    @Test
    void annealingFloorComesFromThePresetOrAnnealTo() {
        CliRun paper = CliRun.of("train", "--preset", "paper", "--dry-run");
        assertTrue(paper.out().contains("cosine to 0.01 of the learning rate"), paper.transcript());
        CliRun plain = CliRun.of("train", "--dry-run");
        assertTrue(plain.out().contains("cosine to 0.1 of the learning rate"), plain.transcript());
        CliRun given = CliRun.of("train", "--preset", "paper", "--anneal-to", "0.5", "--dry-run");
        assertTrue(given.out().contains("cosine to 0.5 of the learning rate"), given.transcript());
        CliRun bad = CliRun.of("train", "--anneal-to", "1.5", "--dry-run");
        assertEquals(2, bad.exitCode(), bad.transcript());
        assertTrue(bad.err().contains("--anneal-to must be a fraction between 0 and 1"), bad.transcript());
    }

    @Test
    void threadsIsAcceptedBeforeAndAfterTheSubcommand() {
        DiffusionLabCli cli = new DiffusionLabCli();
        new CommandLine(cli).parseArgs("train", "--threads", "3", "--dry-run");
        assertEquals(3, cli.threads());
        DiffusionLabCli cli2 = new DiffusionLabCli();
        new CommandLine(cli2).parseArgs("--threads", "2", "evaluate", "x.dlab");
        assertEquals(2, cli2.threads());
    }

    @Test
    void badThreadCountIsAUsageError() {
        CliRun r = CliRun.of("--threads", "0", "train", "--dry-run");
        assertEquals(2, r.exitCode(), r.transcript());
        assertTrue(r.err().contains("--threads must be between 1 and 256"), r.transcript());
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        CliRun r = CliRun.of("frobnicate");
        assertEquals(2, r.exitCode(), r.transcript());
        assertNoStackTrace(r);
    }

    @Test
    void installedHandlersKeepUsageErrorsShort() {
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        CommandLine cmd = DiffusionLabCli.newCommandLine();
        cmd.setOut(new java.io.PrintWriter(out, true));
        cmd.setErr(new java.io.PrintWriter(err, true));
        assertEquals(2, cmd.execute("train", "--itrations", "5"));
        assertTrue(err.toString().contains("--iterations"), "suggests the option meant: " + err);
        assertTrue(err.toString().contains("train --help"), err.toString());
        assertFalse(err.toString().contains("Usage:"), "no usage dump: " + err);
    }

    @Test
    void jsonEscapesStringsAndWritesNonFiniteAsNull() {
        String j = new Json().put("s", "a\"b\\c\nd\u0001").put("x", Double.NaN).put("y", 1.5)
                .put("a", new double[]{1, Double.POSITIVE_INFINITY, -0.25}).put("n", 3L).toString();
        assertEquals("{\"s\":\"a\\\"b\\\\c\\nd\\u0001\",\"x\":null,\"y\":1.5,\"a\":[1,null,-0.25],\"n\":3}", j);
    }
}
