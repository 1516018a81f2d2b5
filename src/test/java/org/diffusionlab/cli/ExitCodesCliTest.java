package org.diffusionlab.cli;

import static org.diffusionlab.cli.DiffusionLabCliTest.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.diffusionlab.data.ImageFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit-code table of 'diffusionlab --help', case by case (issue 29): 0 success; 1 the run failed (diverged, a
 * write failed); 2 refused before running (bad or inapplicable options, bad input files). Every refusal names the
 * option or file and the cause, and the file is read before the options are judged.
 */
class ExitCodesCliTest {

    static final Path MODELS = Path.of("assets/models");
    static final String ROLL = MODELS.resolve("swissroll.dlab").toString();
    static final String TEXTURE = MODELS.resolve("texture.dlab").toString();
    static final String DIGITS = MODELS.resolve("digits.dlab").toString();
    static final String HEARTBEAT = MODELS.resolve("heartbeat-t2000.dlab").toString();

    @TempDir
    static Path dir;

    @BeforeAll
    static void images() throws Exception {
        ImageFiles.writePng(dir.resolve("digit.png"), 28, 28, new float[784]);
        float[] hole = new float[20 * 20];
        java.util.Arrays.fill(hole, 1);
        ImageFiles.writePng(dir.resolve("hole20.png"), 20, 20, hole);
    }

    private static CliRun refused(String expectedPart, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exitCode(), r.transcript());
        assertTrue(r.err().contains(expectedPart), "expected '" + expectedPart + "' in\n" + r.transcript());
        assertNoStackTrace(r);
        return r;
    }

    private static String file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }

    @Test
    void success() {
        CliRun r = CliRun.of("sample", ROLL, "--n", "3", "--out", "-");
        assertEquals(0, r.exitCode(), r.transcript());
    }

    @Test
    void optionsThatDoNotApplyToTheModelKindAreAllRefusedAlike() {
        refused("--zoom does not apply to " + ROLL + ", a 2-D model", "sample", ROLL, "--n", "3", "--out", "-", "--zoom", "3");
        refused("--png does not apply to " + ROLL, "sample", ROLL, "--n", "3", "--png", dir.resolve("o.png").toString());
        refused("--fix does not apply to " + ROLL, "sample", ROLL, "--n", "3", "--out", "-", "--fix", "3=1");
        refused("--search-schedule does not apply to " + TEXTURE + ", an image model", "evaluate", TEXTURE, "--search-schedule");
        refused("--draws does not apply to " + ROLL, "evaluate", ROLL, "--draws", "2");
        refused("--is-points does not apply to " + HEARTBEAT + ", a heartbeat model", "evaluate", HEARTBEAT, "--is-points", "5");
        refused("--png, --zoom do not apply to " + HEARTBEAT, "sample", HEARTBEAT, "--n", "2", "--out", "-", "--png", "x.png",
                "--zoom", "2");
        refused("--out, --fix do not apply to " + TEXTURE, "sample", TEXTURE, "--png", dir.resolve("t.png").toString(),
                "--out", "-", "--fix", "1=1");
    }

    @Test
    void theModelFileIsReadBeforeTheOptionsAreJudged() throws Exception {
        String empty = file("empty.dlab", "");
        CliRun r = refused("empty.dlab", "sample", empty, "--png", dir.resolve("o.png").toString());
        assertFalse(r.err().contains("--out"), r.transcript());
        CliRun draws = refused("empty.dlab", "evaluate", empty, "--draws", "2");
        assertFalse(draws.err().contains("--draws"), draws.transcript());
        refused("missing.dlab", "evaluate", dir.resolve("missing.dlab").toString());
    }

    @Test
    void theOptionThatIsWrongIsNamed() {
        CliRun paths = refused("--is-paths", "evaluate", ROLL, "--n", "200", "--is-paths", "0");
        assertFalse(paths.err().contains("--is-points"), paths.transcript());
        CliRun search = refused("--search-schedule", "evaluate", ROLL, "--n", "200", "--search-schedule=0");
        assertFalse(search.err().contains("--is-points"), search.transcript());
    }

    @Test
    void badInputFilesAreRefusedWithTheFileAndTheCause() throws Exception {
        refused("--data-csv: No such file or directory: " + dir.resolve("nothere.csv"),
                "train", "--data-csv", dir.resolve("nothere.csv").toString(), "--dry-run");
        refused("three.csv, line 2: 3 columns", "train", "--data-csv", file("three.csv", "x;y\n1;2;3\n4;5\n6;7\n"), "--dry-run");
        refused("mixed.csv, line 3: '5,5' has a decimal comma", "train", "--data-csv",
                file("mixed.csv", "1.5;2\n3;4\n5,5;6\n"), "--dry-run");
        CliRun same = refused("no spread", "train", "--data-csv", file("same.csv", "1;2\n1;2\n1;2\n"), "--noise", "0", "--dry-run");
        assertFalse(same.err().contains("Internal error"), same.transcript());
        refused("--schedule-csv", "train", "--schedule-csv", file("sched.csv", "t,beta\n1,oops\n"), "--fixed-beta", "--dry-run");
        refused("does not exist", "train", "--iterations", "1", "-o", dir.resolve("nowhere/m.dlab").toString());
    }

    @Test
    void aMaskOfAnotherSizeIsRefused() {
        refused("the mask must be the image's size", "inpaint", DIGITS, dir.resolve("digit.png").toString(),
                dir.resolve("hole20.png").toString(), "--out", dir.resolve("filled.png").toString());
        assertFalse(Files.exists(dir.resolve("filled.png")));
    }

    @Test
    void aFolderThatRefusesTheFileIsAFailureThatNamesTheFileNotTheProbe() {
        // /proc takes no new files, whoever runs the test (root included)
        CliRun r = CliRun.of("train", "--iterations", "1", "-o", "/proc/t.dlab");
        assertEquals(1, r.exitCode(), r.transcript());
        assertTrue(r.err().contains("/proc/t.dlab"), r.transcript());
        assertFalse(r.err().contains("check") || r.err().contains(".tmp"), "no hidden file names:\n" + r.transcript());
    }

    @Test
    void aDivergingRunExits1AndSavesTheBestModelSeenWhichSamplesFiniteNumbers() {
        Path model = dir.resolve("diverged.dlab");
        CliRun r = CliRun.of("train", "--arch", "relu:64,64+local", "--lr", "1", "--T", "10", "--batch", "32",
                "--iterations", "20", "-o", model.toString());
        assertEquals(1, r.exitCode(), r.transcript());
        assertTrue(r.err().contains("Training diverged") && r.err().contains("best parameters seen are kept")
                && r.err().contains("was saved to " + model), r.transcript());
        CliRun sample = CliRun.of("sample", model.toString(), "--n", "200", "--out", "-");
        assertEquals(0, sample.exitCode(), sample.transcript());
        sample.out().lines().skip(1).forEach(line -> {
            for (String v : line.split(",")) {
                assertTrue(Double.isFinite(Double.parseDouble(v)), line);
            }
        });
    }

    @Test
    void theHelpDocumentsTheTable() {
        CliRun r = CliRun.of("--help");
        for (String code : new String[] {"  0 ", "  1 ", "  2 ", "  130 ", "143"}) {
            assertTrue(r.out().contains(code), code + " in\n" + r.out());
        }
        assertTrue(CliRun.of("train", "--help").out().contains("falls more than 10 bits"));
    }
}
