package org.diffusionlab.cli;

import static org.diffusionlab.cli.DiffusionLabCliTest.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.diffusionlab.data.DigitImages;
import org.diffusionlab.data.ImageFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train / evaluate / sample / inpaint / denoise on a tiny digits model, and their refusals. */
class ImageCliTest {

    static final String[] SMALL = {"--arch", "ms:c4x1@1,2/d8/j3", "--T", "12", "--batch", "8", "--iterations", "3"};

    @TempDir
    static Path dir;
    static Path model;
    static Path digit;
    static Path hole;

    @BeforeAll
    static void trainOnce() throws Exception {
        model = dir.resolve("digits.dlab");
        CliRun r = CliRun.of(ModelCommandsCliTest.concat(new String[]{"train", "--dataset", "digits", "--seed", "2",
                "--out", model.toString()}, SMALL));
        assertEquals(0, r.exitCode(), r.transcript());
        assertTrue(r.out().contains("bits per pixel"), r.transcript());
        digit = dir.resolve("digit.png");
        ImageFiles.writePng(digit, 28, 28, DigitImages.load().holdout(1)[0]);
        float[] mask = new float[28 * 28];
        for (int y = 8; y < 20; y++) {
            for (int x = 8; x < 20; x++) {
                mask[y * 28 + x] = 1f;
            }
        }
        hole = dir.resolve("hole.png");
        ImageFiles.writePng(hole, 28, 28, mask);
    }

    @Test
    void importanceSampledTrainingIsRecordedInTheModelFile() throws Exception {
        Path file = dir.resolve("importance.dlab");
        CliRun r = CliRun.of("train", "--dataset", "digits", "--seed", "2", "--t-sampling", "importance",
                "--arch", "ms:c4,8x1@1,2/d8/j3", "--T", "12", "--batch", "8", "--iterations", "30", "--out", file.toString());
        assertEquals(0, r.exitCode(), r.transcript());
        assertTrue(r.err().contains("importance t"), r.err());
        org.diffusionlab.engine.image.SavedImageModel m = org.diffusionlab.engine.image.ImageModelFile.load(file);
        assertEquals("importance", m.model().config().tSampling());
        assertEquals("ms:c4,8x1@1,2/d8/j3", m.model().config().architecture().toString());
        CliRun bad = CliRun.of("train", "--dataset", "digits", "--t-sampling", "stratified", "--iterations", "1",
                "--out", dir.resolve("bad.dlab").toString());
        assertEquals(2, bad.exitCode(), bad.transcript());
        assertTrue(bad.err().contains("t sampling must be one of uniform, importance"), bad.err());
        assertNoStackTrace(bad);
        CliRun notImages = CliRun.of("train", "--t-sampling", "importance", "--iterations", "1",
                "--out", dir.resolve("roll.dlab").toString());
        assertEquals(2, notImages.exitCode(), notImages.transcript());
        assertTrue(notImages.err().contains("image data sets only"), notImages.err());
    }

    @Test
    void fineTuningWithTheNoiseWeightingCarriesOnFromTheModel() throws Exception {
        Path tuned = dir.resolve("tuned.dlab");
        CliRun r = CliRun.of("train", "--dataset", "digits", "--init", model.toString(), "--weighting", "noise",
                "--lr", "1e-3", "--iterations", "2", "--out", tuned.toString());
        assertEquals(0, r.exitCode(), r.transcript());
        assertTrue(r.err().contains("Starting from " + model), r.err());
        assertTrue(r.err().contains("noise weighting"), r.err());
        assertTrue(r.out().contains("Trained 2 iterations"), r.out());
        assertTrue(r.out().contains("With the 3 iterations of " + model + ": 5 in "), r.out());
        var start = org.diffusionlab.engine.image.ImageModelFile.load(model);
        var after = org.diffusionlab.engine.image.ImageModelFile.load(tuned);
        assertEquals("noise", after.model().config().weighting());
        assertEquals("bound", start.model().config().weighting());
        assertEquals(start.model().config().architecture().toString(), after.model().config().architecture().toString());
        assertEquals(start.iterations() + 2, after.iterations());

        CliRun clash = CliRun.of("train", "--dataset", "digits", "--init", model.toString(), "--T", "40",
                "--iterations", "1", "--out", dir.resolve("clash.dlab").toString());
        assertEquals(2, clash.exitCode(), clash.transcript());
        assertTrue(clash.err().contains("--init keeps the model's network and diffusion; drop --T 40"), clash.err());
        String arch = start.model().config().architecture().toString();
        Path biased = dir.resolve("biased.dlab");
        CliRun withBiases = CliRun.of("train", "--dataset", "digits", "--init", model.toString(), "--arch", arch + "/tb",
                "--iterations", "1", "--out", biased.toString());
        assertEquals(0, withBiases.exitCode(), withBiases.transcript());
        assertEquals(arch + "/tb", org.diffusionlab.engine.image.ImageModelFile.load(biased).model().config()
                .architecture().toString());
        CliRun otherNetwork = CliRun.of("train", "--dataset", "digits", "--init", model.toString(), "--arch",
                "ms:c5x1@1,2/d8/j3", "--iterations", "1", "--out", dir.resolve("other-net.dlab").toString());
        assertEquals(2, otherNetwork.exitCode(), otherNetwork.transcript());
        assertTrue(otherNetwork.err().contains("only /tb may be added"), otherNetwork.err());
        CliRun otherData = CliRun.of("train", "--dataset", "deadleaves", "--init", model.toString(),
                "--iterations", "1", "--out", dir.resolve("other.dlab").toString());
        assertEquals(2, otherData.exitCode(), otherData.transcript());
        assertTrue(otherData.err().contains("was trained on digits, not on deadleaves"), otherData.err());
        CliRun badWeighting = CliRun.of("train", "--dataset", "digits", "--weighting", "simple", "--iterations", "1",
                "--out", dir.resolve("bad.dlab").toString());
        assertEquals(2, badWeighting.exitCode(), badWeighting.transcript());
        assertTrue(badWeighting.err().contains("the weighting must be one of bound, noise"), badWeighting.err());
        CliRun roll = CliRun.of("train", "--weighting", "noise", "--iterations", "1",
                "--out", dir.resolve("roll.dlab").toString());
        assertEquals(2, roll.exitCode(), roll.transcript());
        assertTrue(roll.err().contains("image data sets only"), roll.err());
        assertNoStackTrace(clash);
        assertNoStackTrace(otherData);
    }

    @Test
    void averagedWeightsGoToTheirOwnFileWithTheirOwnBound() throws Exception {
        Path raw = dir.resolve("raw.dlab");
        Path averaged = dir.resolve("averaged.dlab");
        CliRun r = CliRun.of(ModelCommandsCliTest.concat(new String[]{"train", "--dataset", "digits", "--seed", "2",
                "--out", raw.toString(), "--ema-out", averaged.toString(), "--ema-decay", "0.9"}, SMALL));
        assertEquals(0, r.exitCode(), r.transcript());
        assertTrue(r.out().contains("Averaged weights (decay 0.9): holdout K = "), r.out());
        var rawModel = org.diffusionlab.engine.image.ImageModelFile.load(raw).model();
        var averagedModel = org.diffusionlab.engine.image.ImageModelFile.load(averaged).model();
        assertEquals(rawModel.config(), averagedModel.config());
        assertTrue(!rawModel.network().parameters().flat().equalsWithEps(averagedModel.network().parameters().flat(), 1e-7),
                "the averaged file holds other weights than the last iteration's");

        CliRun noFile = CliRun.of("train", "--dataset", "digits", "--ema-decay", "0.99", "--iterations", "1",
                "--out", dir.resolve("x.dlab").toString());
        assertEquals(2, noFile.exitCode(), noFile.transcript());
        assertTrue(noFile.err().contains("--ema-decay needs --ema-out"), noFile.err());
        CliRun same = CliRun.of("train", "--dataset", "digits", "--iterations", "1", "--out", raw.toString(),
                "--ema-out", raw.toString());
        assertEquals(2, same.exitCode(), same.transcript());
        assertTrue(same.err().contains("--ema-out must differ from --out"), same.err());
        CliRun badDecay = CliRun.of("train", "--dataset", "digits", "--iterations", "1", "--out", raw.toString(),
                "--ema-out", averaged.toString(), "--ema-decay", "1");
        assertEquals(2, badDecay.exitCode(), badDecay.transcript());
        assertTrue(badDecay.err().contains("--ema-decay must be between 0 and 0.99999"), badDecay.err());
        CliRun roll = CliRun.of("train", "--iterations", "1", "--out", dir.resolve("roll.dlab").toString(),
                "--ema-out", averaged.toString());
        assertEquals(2, roll.exitCode(), roll.transcript());
        assertTrue(roll.err().contains("image data sets only"), roll.err());
        assertNoStackTrace(badDecay);
    }

    @Test
    void legibilityBenchJudgesSamplesBesideRealDigits() {
        CliRun r = CliRun.of("bench", "--legibility", model.toString(), "--legibility-samples", "10", "--judge-epochs", "1",
                "--legibility-from-t", "6");
        assertEquals(0, r.exitCode(), r.transcript());
        assertTrue(r.out().contains("real test digits"), r.out());
        assertTrue(r.out().matches("(?s).*test digits, to t = 6 and back\\s+1000 .*"), r.out());
        CliRun beyond = CliRun.of("bench", "--legibility", model.toString(), "--legibility-from-t", "13");
        assertEquals(2, beyond.exitCode(), beyond.transcript());
        assertTrue(beyond.err().contains("--legibility-from-t: steps must be 1 to 12"), beyond.err());
        assertTrue(r.out().contains("samples of digits.dlab"), r.out());
        assertTrue(r.out().matches("(?s).*test accuracy \\d+\\.\\d% on 1000 test digits.*"), r.out());
        CliRun few = CliRun.of("bench", "--legibility", model.toString(), "--legibility-samples", "5");
        assertEquals(2, few.exitCode(), few.transcript());
        assertTrue(few.err().contains("--legibility-samples must be between 10 and 100000"), few.err());
        CliRun both = CliRun.of("bench", "--legibility", model.toString(), "--parzen", model.toString());
        assertEquals(2, both.exitCode(), both.transcript());
        assertNoStackTrace(both);
    }

    @Test
    void shapesBenchScoresSamplesBesideRealDeadLeaves() {
        Path leaves = dir.resolve("leaves.dlab");
        CliRun t = CliRun.of(ModelCommandsCliTest.concat(new String[]{"train", "--dataset", "deadleaves", "--seed", "2",
                "--out", leaves.toString()}, SMALL));
        assertEquals(0, t.exitCode(), t.transcript());
        CliRun r = CliRun.of("bench", "--shapes", leaves.toString(), "--shapes-samples", "12", "--shapes-from-t", "1,6");
        assertEquals(0, r.exitCode(), r.transcript());
        assertTrue(r.out().contains("real, diffused to t = 6 and reversed"), r.out());
        CliRun beyond = CliRun.of("bench", "--shapes", leaves.toString(), "--shapes-from-t", "13");
        assertEquals(2, beyond.exitCode(), beyond.transcript());
        assertTrue(beyond.err().contains("steps must be 1 to 12"), beyond.err());
        assertTrue(r.out().matches("(?s).*real dead-leaves images \\(holdout\\)\\s+12 .*"), r.out());
        assertTrue(r.out().contains("samples of leaves.dlab"), r.out());
        CliRun digits = CliRun.of("bench", "--shapes", model.toString());
        assertEquals(2, digits.exitCode(), digits.transcript());
        assertTrue(digits.err().contains("for dead-leaves models"), digits.err());
        assertNoStackTrace(digits);
    }

    @Test
    void evaluateReportsBitsPerPixel() {
        CliRun r = CliRun.of("evaluate", model.toString(), "--images", "4", "--json");
        assertEquals(0, r.exitCode(), r.transcript());
        assertTrue(r.out().contains("\"k_bits_per_pixel\"") && r.out().contains("\"k_minus_lnull_bits_per_pixel\""), r.out());
        CliRun table = CliRun.of("evaluate", model.toString(), "--images", "4");
        assertTrue(table.out().contains("K - L_null") && table.out().contains("8-bit NLL"), table.out());
    }

    @Test
    void sampleWritesAPngGrid() throws Exception {
        Path png = dir.resolve("grid.png");
        CliRun r = CliRun.of("sample", model.toString(), "--n", "9", "--png", png.toString(), "--zoom", "2");
        assertEquals(0, r.exitCode(), r.transcript());
        ImageFiles.Gray g = ImageFiles.read(png);
        assertEquals(2 * (3 * 29 + 1), g.width());
        CliRun noPng = CliRun.of("sample", model.toString(), "--n", "9");
        assertEquals(2, noPng.exitCode(), noPng.transcript());
        assertTrue(noPng.err().contains("--png"), noPng.err());
    }

    @Test
    void inpaintKeepsTheKnownPixelsAndFillsTheHole() throws Exception {
        Path out = dir.resolve("filled.png");
        Path strip = dir.resolve("strip.png");
        CliRun r = CliRun.of("inpaint", model.toString(), digit.toString(), hole.toString(), "--out", out.toString(),
                "--trajectory", strip.toString());
        assertEquals(0, r.exitCode(), r.transcript());
        assertTrue(r.err().contains("Filled 144 of 784 pixels"), r.err());
        float[] before = ImageFiles.read(digit).pixels();
        float[] after = ImageFiles.read(out).pixels();
        for (int i = 0; i < before.length; i++) {
            int y = i / 28, x = i % 28;
            if (y < 8 || y >= 20 || x < 8 || x >= 20) {
                assertEquals(before[i], after[i], 0f, "known pixel " + i);
            }
        }
        assertEquals(9 * 29 + 1, ImageFiles.read(strip).width());
    }

    @Test
    void denoiseWithZeroNoiseReturnsTheImage() throws Exception {
        Path out = dir.resolve("same.png");
        CliRun r = CliRun.of("denoise", model.toString(), digit.toString(), "--sigma", "0", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.transcript());
        float[] before = ImageFiles.read(digit).pixels();
        float[] after = ImageFiles.read(out).pixels();
        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i], after[i], 1f / 255, "pixel " + i);
        }
        CliRun bad = CliRun.of("denoise", model.toString(), digit.toString(), "--sigma", "-1", "--out", out.toString());
        assertEquals(2, bad.exitCode(), bad.transcript());
    }

    @Test
    void badFilesAndMasksGetClearMessages() throws Exception {
        Path text = dir.resolve("note.png");
        Files.writeString(text, "not a picture");
        CliRun r = CliRun.of("inpaint", model.toString(), text.toString(), hole.toString(), "--out", dir.resolve("x.png").toString());
        assertEquals(2, r.exitCode(), r.transcript());
        assertTrue(r.err().contains("note.png") && r.err().contains("not an image"), r.err());
        assertNoStackTrace(r);

        CliRun noHole = CliRun.of("inpaint", model.toString(), digit.toString(), digit.toString().replace("digit", "digit"),
                "--out", dir.resolve("y.png").toString());
        // the digit itself as the mask: its white strokes are "to fill", so this runs; an all-black mask does not
        assertEquals(0, noHole.exitCode(), noHole.transcript());
        Path black = dir.resolve("black.png");
        ImageFiles.writePng(black, 28, 28, new float[784]);
        CliRun none = CliRun.of("inpaint", model.toString(), digit.toString(), black.toString(), "--out", dir.resolve("z.png").toString());
        assertEquals(2, none.exitCode(), none.transcript());
        assertTrue(none.err().contains("nothing to fill"), none.err());

        CliRun notModel = CliRun.of("inpaint", text.toString(), digit.toString(), hole.toString(), "--out", dir.resolve("w.png").toString());
        assertEquals(2, notModel.exitCode(), notModel.transcript());
        assertTrue(notModel.err().contains("note.png"), notModel.err());

        CliRun badData = CliRun.of("train", "--dataset", "folder:" + dir.resolve("nowhere"), "--out", dir.resolve("q.dlab").toString(),
                "--iterations", "1");
        assertEquals(2, badData.exitCode(), badData.transcript());
        assertTrue(badData.err().contains("nowhere"), badData.err());
    }
}
