package org.diffusionlab.app.inpaint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.diffusionlab.app.DiffusionLabApp;
import org.diffusionlab.app.MainWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The Inpaint pane in the whole window, headless (Monocle), with the shipped digits model. */
@ExtendWith(ApplicationExtension.class)
class InpaintPaneTest {

    private MainWindow window;
    private InpaintView view;
    private InpaintViewModel vm;

    @Start
    void start(Stage stage) {
        DiffusionLabApp app = new DiffusionLabApp();
        app.start(stage);
        window = app.window();
        view = window.inpaintView();
        vm = view.viewModel();
    }

    @Stop
    void stop() {
        window.dispose();
    }

    private void showPane(FxRobot robot) throws Exception {
        robot.interact(() -> window.selectTab("tab-inpaint"));
        waitIdle();
    }

    private void waitIdle() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.loadingProperty().get()
                && !vm.runningProperty().get() && vm.imageProperty().get() != null && vm.scaleProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The screen point of image position (x, y), in image pixels, on the large canvas. */
    private Point2D at(double x, double y) {
        MaskCanvas c = view.canvas();
        return c.localToScreen(x * c.zoom(), y * c.zoom());
    }

    private void stroke(FxRobot robot, double x0, double y0, double x1, double y1) {
        robot.moveTo(at(x0, y0)).press(MouseButton.PRIMARY);
        for (int k = 1; k <= 8; k++) {
            robot.moveTo(at(x0 + (x1 - x0) * k / 8, y0 + (y1 - y0) * k / 8));
        }
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theBrushMarksExactlyThePixelsUnderTheStrokeTheEraserClearsThemAndUndoRestores(FxRobot robot) throws Exception {
        showPane(robot);
        robot.interact(() -> {
            vm.mask().clear();
            vm.brushSizeProperty().set(1);
        });
        robot.clickOn("#tool-brush");
        int n = vm.mask().size();
        // a one-pixel brush dragged along row 10 from pixel 4 to pixel 20
        stroke(robot, 4.5, 10.5, 20.5, 10.5);
        boolean[] painted = vm.mask().toArray();
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                assertEquals(y == 10 && x >= 4 && x <= 20, painted[y * n + x], "pixel " + x + "," + y);
            }
        }
        assertEquals("17 of 784 pixels masked", robot.lookup("#inpaint-mask-count").queryLabeled().getText());

        // the eraser (3 pixels wide) across pixels 8..12 of that row clears them and nothing else
        robot.interact(() -> vm.brushSizeProperty().set(3));
        robot.clickOn("#tool-eraser");
        stroke(robot, 8.5, 10.5, 12.5, 10.5);
        for (int x = 0; x < n; x++) {
            assertEquals(x >= 4 && x <= 20 && (x < 7 || x > 13), vm.mask().get(x, 10), "pixel " + x + ",10");
        }
        assertEquals(17 - 7, vm.mask().count());

        robot.clickOn("#mask-undo");
        assertArrayEquals(painted, vm.mask().toArray());
        robot.clickOn("#mask-redo");
        assertEquals(10, vm.mask().count());
        robot.clickOn("#mask-undo");
        robot.clickOn("#mask-undo");
        assertTrue(vm.mask().isEmpty());
    }

    @Test
    void aFillOfTheCentreSquareKeepsTheKnownPixelsAndChangesTheMaskedOnes(FxRobot robot) throws Exception {
        showPane(robot);
        robot.clickOn("#mask-centre");
        assertEquals(144, vm.mask().count());
        robot.clickOn("#inpaint-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.resultProperty().get() != null);
        waitIdle();
        FillResult r = vm.resultProperty().get();
        assertEquals(1, r.fills());
        float[] original = vm.imageProperty().get().pixels();
        float[] filled = r.filled(0);
        boolean[] masked = vm.mask().toArray();
        float[] start = r.image(r.steps(), 0);
        int moved = 0;
        int changed = 0;
        for (int i = 0; i < filled.length; i++) {
            if (masked[i]) {
                moved += Math.abs(filled[i] - start[i]) > 1e-4 ? 1 : 0;
                changed += Math.abs(filled[i] - original[i]) > 1e-3 ? 1 : 0;
            } else {
                assertEquals(original[i], filled[i], 1e-6, "known pixel " + i + " changed");
                assertEquals(original[i], start[i], 1e-6, "known pixel " + i + " is not clamped at t = T");
            }
        }
        // every masked pixel was sampled (it left its start at t = T) and the fill is not the original
        assertTrue(moved >= 140, moved + " of 144 masked pixels moved from x_T");
        assertTrue(changed >= 72, "only " + changed + " of 144 masked pixels differ from the original");
        // on screen: the canvas shows the result, the slider replays the run
        robot.interact(view::refreshNow);
        assertEquals("Filled (t = 0)", robot.lookup("#inpaint-canvas-title").queryLabeled().getText());
        assertEquals(r.steps(), vm.steps());
        robot.interact(() -> vm.tProperty().set(r.steps()));
        robot.interact(view::refreshNow);
        assertArrayEquals(r.image(r.steps(), 0), vm.shownFill());
        assertTrue(robot.lookup("#inpaint-t-label").queryLabeled().getText().startsWith("t = " + r.steps()));
    }

    @Test
    void openingThePaneWarmsTheSamplerUpInTheBackgroundWithoutChangingWhatItShows(FxRobot robot) throws Exception {
        showPane(robot);
        String status = vm.statusProperty().get();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.isWarmedUp("digits"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(vm.isWarmedUp("deadleaves"));
        assertNull(vm.resultProperty().get());
        assertNull(vm.liveProperty().get());
        assertFalse(vm.runningProperty().get());
        assertEquals(status, vm.statusProperty().get());
    }

    @Test
    void cancelStopsWithinOneStepAndLeavesThePreviousResultOnScreen(FxRobot robot) throws Exception {
        showPane(robot);
        robot.interact(() -> vm.mask().centreSquare());
        robot.interact(vm::run);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.resultProperty().get() != null);
        waitIdle();
        FillResult first = vm.resultProperty().get();

        robot.interact(() -> {
            vm.seedProperty().set(2);
            vm.fourFillsProperty().set(true);
            vm.run();
        });
        int steps = vm.steps();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.liveProperty().get() != null
                && vm.liveProperty().get().t() < steps - 5);
        robot.clickOn("#inpaint-cancel");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.runningProperty().get());
        int atCancel = vm.workerTAtCancel();
        assertTrue(atCancel > 0, "the run had finished before Cancel: " + atCancel);
        Thread.sleep(500);          // a run that went on would take many more steps in this time
        assertTrue(vm.lastStepReached() >= atCancel - 1,
                "ran on after Cancel: from t = " + atCancel + " to " + vm.lastStepReached());

        assertSame(first, vm.resultProperty().get());
        assertNull(vm.liveProperty().get());
        robot.interact(view::refreshNow);
        assertArrayEquals(first.filled(0), vm.shownFill());
        assertTrue(robot.lookup("#inpaint-status").queryLabeled().getText().startsWith("Cancelled"),
                robot.lookup("#inpaint-status").queryLabeled().getText());
        assertFalse(robot.lookup("#inpaint-run").queryButton().isDisabled());

        // responsive: the mask still edits, and a new run completes
        robot.clickOn("#mask-left");
        assertEquals(14 * 28, vm.mask().count());
        robot.clickOn("#mask-undo");
        assertEquals(144, vm.mask().count());
        robot.interact(vm::run);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.resultProperty().get() != first);
        assertEquals(4, vm.resultProperty().get().fills());
    }

    @Test
    void anEmptyMaskSaysThereIsNothingToFill(FxRobot robot) throws Exception {
        showPane(robot);
        robot.interact(() -> vm.mask().clear());
        robot.clickOn("#inpaint-run");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(vm.runningProperty().get());
        assertNull(vm.resultProperty().get());
        assertTrue(robot.lookup("#inpaint-status").queryLabeled().getText().contains("nothing to fill"));
    }

    @Test
    void anUnreadableFileSaysWhyAndLosesNothing(FxRobot robot, @TempDir Path dir) throws Exception {
        showPane(robot);
        window.setFileDialogs(new org.diffusionlab.app.FileDialogs() {
            @Override
            public Path open(String title, String description, String extension) {
                return dir.resolve("broken.png");
            }

            @Override
            public Path save(String title, String description, String extension, String suggestedName) {
                return null;
            }
        });
        Files.write(dir.resolve("broken.png"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        robot.interact(() -> vm.mask().centreSquare());
        SourceImage before = vm.imageProperty().get();
        robot.clickOn("#inpaint-open");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm.loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        String status = robot.lookup("#inpaint-status").queryLabeled().getText();
        assertTrue(status.contains("broken.png") && status.contains("not an image"), status);
        assertTrue(robot.lookup("#error-dialog").tryQuery().isPresent(), "no error dialog");
        robot.interact(() -> robot.lookup("#error-dialog").query().getScene().getWindow().hide());
        assertSame(before, vm.imageProperty().get());
        assertEquals(144, vm.mask().count());
        robot.interact(() -> vm.mask().undo());
        assertTrue(vm.mask().isEmpty(), "undo still works");
    }

    @Test
    void aFileOfYourOwnIsCroppedToItsCentralSquareAndTheCropIsShown(FxRobot robot, @TempDir Path dir) throws Exception {
        showPane(robot);
        BufferedImage wide = new BufferedImage(90, 60, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 90; x++) {
                wide.setRGB(x, y, x < 15 || x >= 75 ? 0xff0000 : 0xffffff);    // red margins, white centre
            }
        }
        Path file = dir.resolve("wide.png");
        ImageIO.write(wide, "png", file.toFile());
        robot.interact(() -> vm.open(file));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.imageProperty().get() != null
                && vm.imageProperty().get().crop() != null);
        waitIdle();
        SourceImage img = vm.imageProperty().get();
        assertEquals(60, img.crop().side());
        assertEquals(15, img.crop().x0());
        for (int i = 0; i < img.size() * img.size(); i++) {
            assertEquals(1f, img.pixel(i), 1e-6, "the red margins were cropped away");
        }
        robot.interact(view::refreshNow);
        assertTrue(robot.lookup("#inpaint-crop").query().isVisible());
    }

    @Test
    void exportsWriteThePngAndTheAnimatedGif(FxRobot robot, @TempDir Path dir) throws Exception {
        showPane(robot);
        robot.interact(() -> {
            vm.mask().leftHalf();
            vm.fourFillsProperty().set(true);
            vm.run();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.resultProperty().get() != null);
        waitIdle();
        FillResult r = vm.resultProperty().get();
        Path png = dir.resolve("fill.png");
        Path gif = dir.resolve("fill.gif");
        robot.interact(() -> view.exportPng(png));
        robot.interact(() -> view.exportGif(gif));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(png) && Files.exists(gif));
        BufferedImage p = ImageIO.read(png.toFile());
        int cell = 28 * InpaintExport.ZOOM;
        assertEquals(InpaintExport.GAP + 4 * (cell + InpaintExport.GAP), p.getWidth());
        assertEquals(InpaintExport.CAPTION + InpaintExport.GAP + 4 * (cell + InpaintExport.GAP), p.getHeight());
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(InpaintExport.gifSteps(r.steps()).length, reader.getNumImages(true));
            assertEquals(4 * cell + 3 * InpaintExport.GAP, reader.read(0).getWidth());
        }
        assertNotNull(r);
    }
}
