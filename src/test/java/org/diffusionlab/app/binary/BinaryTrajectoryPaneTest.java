package org.diffusionlab.app.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.concurrent.Task;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.diffusionlab.app.trajectory.Direction;
import org.diffusionlab.data.Heartbeat;
import org.diffusionlab.engine.binomial.BinaryTrajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The binary Trajectory pane in its own stage, headless, on the shipped heartbeat model (T = 2000, 20 bins). */
@ExtendWith(ApplicationExtension.class)
class BinaryTrajectoryPaneTest {

    private final BinaryPaneHarness h = new BinaryPaneHarness();

    @Start
    void start(Stage stage) {
        h.start(stage, 1280, 800);
    }

    @Stop
    void stop() {
        h.stop();
    }

    /** The pixels of a raster's canvas as drawn now. */
    private static PixelReader pixels(FxRobot robot, BinaryRaster raster) {
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = raster.canvas().snapshot(null, null));
        return image[0].getPixelReader();
    }

    /** Asserts that every cell the raster shows is filled exactly where the frame has a 1; returns the 1s' share. */
    private static double assertRasterShows(FxRobot robot, BinaryRaster raster, BinaryTrajectory tr, int t) {
        PixelReader px = pixels(robot, raster);
        int one = -1;
        int zero = -1;
        int ones = 0;
        for (int r = 0; r < tr.rows(); r++) {
            for (int b = 0; b < tr.bins(); b++) {
                double[] c = raster.cellCentre(r, b);
                int argb = px.getArgb((int) c[0], (int) c[1]);
                if (tr.value(t, r, b) == 1) {
                    ones++;
                    if (one == -1) {
                        one = argb;
                    }
                    assertEquals(one, argb, "cell (" + r + ", " + b + ") holds a 1 and is drawn filled");
                } else {
                    if (zero == -1) {
                        zero = argb;
                    }
                    assertEquals(zero, argb, "cell (" + r + ", " + b + ") holds a 0 and is drawn empty");
                }
            }
        }
        assertTrue(one != zero, "filled and empty cells look different");
        return (double) ones / (tr.rows() * tr.bins());
    }

    @Test
    void theSliderMovesTAndTheRastersShowThatFrame(FxRobot robot) throws Exception {
        h.loadShipped(robot);
        BinaryFrames f = h.vm.framesProperty().get();
        assertEquals(2000, h.vm.stepsProperty().get());
        assertEquals(64, f.rows());
        System.out.printf("reverse trajectory, %d rows x %d steps: %.3f s%n", f.rows(), f.steps(), f.reverseSeconds());
        Slider slider = robot.lookup("#binary-t-slider").queryAs(Slider.class);

        robot.interact(() -> slider.setValue(0));
        robot.interact(h.view::redrawNow);
        assertEquals("t = 0 / 2000", h.view.tText());
        BinaryRaster forward = h.view.raster(Direction.FORWARD);
        assertEquals(0, forward.shown().t());
        // at t = 0 the forward raster shows the data: the heartbeats drawn for the frames' seed
        byte[][] data = Heartbeat.sample(64, f.seed());
        for (int r = 0; r < 64; r++) {
            assertArrayEquals(data[r], forward.shown().trajectory().sequence(0, r));
        }
        double share = assertRasterShows(robot, forward, f.forward(), 0);
        assertEquals(0.2, share, 1e-9, "heartbeats are one 1 in every 5 bins");

        robot.interact(() -> slider.setValue(2000));
        robot.interact(h.view::redrawNow);
        assertEquals("t = 2000 / 2000", h.view.tText());
        assertEquals(2000, forward.shown().t());
        double noise = assertRasterShows(robot, forward, f.forward(), 2000);
        assertEquals(0.5, noise, 0.08, "at t = T every bin is a fair coin");
        assertRasterShows(robot, h.view.raster(Direction.REVERSE), f.reverse(), 2000);

        robot.interact(() -> slider.setValue(500));
        robot.interact(h.view::redrawNow);
        assertEquals(500, h.view.raster(Direction.REVERSE).shown().t());
        assertRasterShows(robot, h.view.raster(Direction.REVERSE), f.reverse(), 500);
    }

    @Test
    void playAdvancesAndTheStepButtonsMoveExactlyOne(FxRobot robot) throws Exception {
        h.loadShipped(robot);
        robot.interact(() -> h.vm.tProperty().set(2000));
        robot.interact(() -> h.vm.speedProperty().set(1000));
        robot.clickOn("#binary-play");
        assertTrue(h.vm.playingProperty().get());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> h.vm.tProperty().get() <= 1900);
        robot.clickOn("#binary-play");
        assertFalse(h.vm.playingProperty().get(), "the same button pauses");
        int paused = h.vm.tProperty().get();
        assertTrue(paused < 2000, "reverse plays from T down: " + paused);
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(paused, h.vm.tProperty().get(), "paused: t stays");

        robot.interact(() -> h.vm.tProperty().set(1000));
        robot.clickOn("#binary-step-forward");
        assertEquals(1001, h.vm.tProperty().get());
        robot.clickOn("#binary-step-back");
        robot.clickOn("#binary-step-back");
        assertEquals(999, h.vm.tProperty().get());
        robot.clickOn("#binary-t-label");
        robot.type(KeyCode.RIGHT);
        assertEquals(1000, h.vm.tProperty().get(), "the arrow keys step too");
    }

    @Test
    void theFractionOfTrueHeartbeatsIsHighAtZeroAndLowAtT(FxRobot robot) throws Exception {
        h.loadShipped(robot);
        Label fraction = robot.lookup("#binary-fraction").queryAs(Label.class);
        robot.interact(() -> h.vm.tProperty().set(0));
        double atZero = h.vm.fractionCorrectProperty().get();
        assertTrue(atZero >= 0.9, "the shipped model's samples are heartbeats: " + atZero);
        assertEquals(atZero, h.vm.finalFractionCorrectProperty().get());
        int correct = h.vm.correctProperty().get();
        assertEquals(String.format("Samples that are true heartbeats: %d / 64 (%.0f%%)", correct,
                100.0 * correct / 64), fraction.getText());
        assertTrue(robot.lookup("#binary-fraction-final").queryAs(Label.class).getText().startsWith("at t = 0 of 2000."));

        robot.interact(() -> robot.lookup("#binary-t-slider").queryAs(Slider.class).setValue(2000));
        double atT = h.vm.fractionCorrectProperty().get();
        assertTrue(atT <= 0.1, "coin flips are almost never heartbeats: " + atT);
        assertTrue(fraction.getText().startsWith("Samples that are true heartbeats: " + h.vm.correctProperty().get()
                + " / 64"), fraction.getText());
        assertEquals(atZero, h.vm.finalFractionCorrectProperty().get(), "the final fraction stays");
    }

    @Test
    void clickingBinsFixesThemInEveryReverseSample(FxRobot robot) throws Exception {
        h.loadShipped(robot);
        robot.clickOn("#binary-bin-2");                       // free -> 1
        robot.clickOn("#binary-bin-4").clickOn("#binary-bin-4");   // free -> 1 -> 0
        assertArrayEquals(new int[] {-1, -1, 1, -1, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1},
                h.vm.fixedBins());
        assertEquals("1", robot.lookup("#binary-bin-2").queryButton().getText());
        assertEquals("0", robot.lookup("#binary-bin-4").queryButton().getText());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> h.vm.framesProperty().get().isFixed(2)
                && h.vm.framesProperty().get().isFixed(4) && !h.vm.computingProperty().get());
        robot.interact(() -> h.vm.tProperty().set(0));
        robot.interact(h.view::redrawNow);
        BinaryFrames f = h.vm.framesProperty().get();
        for (int r = 0; r < f.rows(); r++) {
            assertEquals(1, f.reverse().value(0, r, 2), "row " + r + " bin 2");
            assertEquals(0, f.reverse().value(0, r, 4), "row " + r + " bin 4");
        }
        assertArrayEquals(f.fixed(), h.view.raster(Direction.REVERSE).shown().fixed(), "the raster tints the columns");
        String text = robot.lookup("#binary-fraction").queryAs(Label.class).getText();
        assertTrue(text.startsWith("Samples that are true heartbeats agreeing with the fixed bins: "), text);
        int agreeing = 0;
        for (int r = 0; r < f.rows(); r++) {
            agreeing += f.reverse().sequence(0, r)[2] == 1 && Heartbeat.phaseOf(f.reverse().sequence(0, r)) == 2 ? 1 : 0;
        }
        assertEquals(agreeing, h.vm.correctProperty().get(), "only the phase-2 heartbeat has bin 2 = 1 and bin 4 = 0");
        assertTrue(agreeing > 0, "some samples are that heartbeat");

        robot.clickOn("#binary-clear");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !h.vm.framesProperty().get().anyFixed()
                && !h.vm.computingProperty().get());
        assertEquals("\u00b7", robot.lookup("#binary-bin-2").queryButton().getText());
    }

    @Test
    void aRefusedRowCountShowsItsReasonAndComputesNothing(FxRobot robot) throws Exception {
        h.loadShipped(robot);
        TextField rows = robot.lookup("#binary-rows").queryAs(TextField.class);
        robot.clickOn(rows).eraseText(rows.getText().length()).write("600").type(KeyCode.ENTER);
        Label refused = robot.lookup("#binary-input-error").queryAs(Label.class);
        assertTrue(refused.isVisible());
        assertEquals("Rows must be a whole number from 1 to 512, got 600", refused.getText());
        assertTrue(rows.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("error")));
        assertEquals(refused.getText(), rows.getTooltip().getText());
        assertEquals(64, h.vm.framesProperty().get().rows(), "a refused count computes nothing");

        robot.clickOn(rows).eraseText(rows.getText().length()).write("abc").type(KeyCode.ENTER);
        assertEquals("Rows must be a whole number from 1 to 512, got abc", refused.getText());

        robot.clickOn(rows).eraseText(rows.getText().length()).write("16").type(KeyCode.ENTER);
        assertFalse(refused.isVisible());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> h.vm.framesProperty().get().rows() == 16);
    }

    @Test
    void beforeAnyModelThePaneSaysWhatToDo(FxRobot robot) throws Exception {
        Label empty = robot.lookup("#binary-empty").queryAs(Label.class);
        assertTrue(empty.isVisible());
        assertTrue(empty.getText().contains("Train a heartbeat model on the Train pane"), empty.getText());
        assertTrue(robot.lookup("#binary-play").queryButton().isDisabled());
        h.loadShipped(robot);
        assertFalse(empty.isVisible());
        robot.interact(() -> h.source.set(null));
        assertTrue(empty.isVisible(), "a run without a model shows the hint again");
        assertEquals(null, h.vm.framesProperty().get());
    }

    /** The shipped snapshot as if training had reached another iteration (same weights). */
    private static org.diffusionlab.engine.binomial.BinomialSnapshot at(long iteration) throws Exception {
        var s = BinaryPaneHarness.shippedSnapshot();
        return new org.diffusionlab.engine.binomial.BinomialSnapshot(s.config(), s.status(), s.message(), iteration,
                s.seconds(), s.iterationsPerSecond(), s.batchKBits(), s.holdout(), s.ceiling(), s.parameters(), s.history());
    }

    @Test
    void newSnapshotsRecomputeAtABoundedRateOnlyWhileActive(FxRobot robot) throws Exception {
        robot.interact(() -> h.vm.rowsProperty().set("8"));
        h.loadShipped(robot);
        List<Long> iterations = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> h.vm.framesProperty().addListener((o, a, f) -> {
            if (f != null) {
                iterations.add(f.iteration());
            }
        }));
        long started = System.nanoTime();
        for (long i = 1; i <= 8; i++) {
            var s = at(i);
            robot.interact(() -> h.source.set(s));
            Thread.sleep(100);
        }
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !iterations.isEmpty()
                && iterations.get(iterations.size() - 1) == 8 && !h.vm.computingProperty().get());
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(iterations.size() <= 2 + seconds * 1000 / BinaryTrajectoryViewModel.REFRESH_MILLIS,
                iterations + " in " + seconds + " s");
        for (int i = 1; i < iterations.size(); i++) {
            assertTrue(iterations.get(i) > iterations.get(i - 1), "each recomputation shows a newer model");
        }

        // hidden: nothing is computed; shown again: the newest snapshot at once
        robot.interact(() -> h.vm.setActive(false));
        var hidden = at(99);
        robot.interact(() -> h.source.set(hidden));
        Thread.sleep(2 * BinaryTrajectoryViewModel.REFRESH_MILLIS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(8, h.vm.framesProperty().get().iteration(), "an inactive pane computes nothing");
        robot.interact(() -> h.vm.setActive(true));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> h.vm.framesProperty().get().iteration() == 99);
    }

    @Test
    void csvPngAndGifExportsReadBack(@TempDir Path dir, FxRobot robot) throws Exception {
        robot.interact(() -> h.vm.rowsProperty().set("8"));
        h.loadShipped(robot);
        BinaryFrames f = h.vm.framesProperty().get();
        assertEquals(8, f.rows());

        for (String kind : List.of("csv-forward", "csv-reverse")) {
            Path csv = dir.resolve(kind + ".csv");
            await(robot, () -> h.view.export(kind, csv));
            List<String> lines = Files.readAllLines(csv);
            assertEquals("t,sequence,bits", lines.get(0));
            assertEquals(8 * 2001, lines.size() - 1, "rows x (T + 1) lines");
            String[] first = lines.get(1).split(",");
            boolean fwd = kind.equals("csv-forward");
            assertEquals(fwd ? "0" : "2000", first[0]);
            assertEquals("0", first[1]);
            BinaryTrajectory tr = fwd ? f.forward() : f.reverse();
            StringBuilder bits = new StringBuilder();
            for (byte b : tr.sequence(fwd ? 0 : 2000, 0)) {
                bits.append(b);
            }
            assertEquals(bits.toString(), first[2]);
            assertEquals(20, first[2].length());
        }

        robot.interact(() -> h.vm.tProperty().set(1000));
        Path png = dir.resolve("frame.png");
        await(robot, () -> h.view.export("png", png));
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image);
        assertEquals(2 * BinaryExport.WIDTH, image.getWidth(), "both rasters side by side");
        assertEquals(BinaryExport.HEIGHT + BinaryExport.CAPTION, image.getHeight());

        Path gif = dir.resolve("reverse.gif");
        await(robot, () -> h.view.export("gif", gif));
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(BinaryExport.GIF_FRAMES, reader.getNumImages(true), "T = 2000 subsampled to 200 frames");
            assertEquals(BinaryExport.WIDTH, reader.getWidth(0), "the reverse raster alone");
            reader.dispose();
        }
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files");
        assertTrue(h.errors.isEmpty(), h.errors.toString());
    }

    private static void await(FxRobot robot, java.util.function.Supplier<Task<Path>> start) throws Exception {
        Task<?>[] task = new Task<?>[1];
        robot.interact(() -> task[0] = start.get());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> task[0].isDone());
        task[0].get();
        WaitForAsyncUtils.waitForFxEvents();
    }
}
