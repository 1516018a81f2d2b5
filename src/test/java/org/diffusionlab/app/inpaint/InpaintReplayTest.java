package org.diffusionlab.app.inpaint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.diffusionlab.app.DiffusionLabApp;
import org.diffusionlab.app.MainWindow;
import org.diffusionlab.app.testutil.FormRobot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The Inpaint pane's replay (Play/Pause, a slider from noise to the result) and what a mode or model change clears. */
@ExtendWith(ApplicationExtension.class)
class InpaintReplayTest {

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

    /** Shows the pane and runs a fill of the centre square (four fills if asked); returns once it is on screen. */
    private void fill(FxRobot robot, boolean four) throws Exception {
        robot.interact(() -> window.selectTab("tab-inpaint"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.loadingProperty().get()
                && vm.imageProperty().get() != null && vm.scaleProperty().get() != null);
        robot.interact(() -> {
            vm.mask().centreSquare();
            vm.fourFillsProperty().set(four);
        });
        FormRobot.click(robot, "#inpaint-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.resultProperty().get() != null
                && !vm.runningProperty().get());
        robot.interact(view::refreshNow);
    }

    @Test
    void playReplaysTheRunFromNoiseOnTheLeftToTheResultOnTheRight(FxRobot robot) throws Exception {
        Button play = robot.lookup("#inpaint-play").queryButton();
        assertTrue(play.isDisabled(), "nothing to replay before a run");
        fill(robot, false);
        int steps = vm.steps();
        Slider slider = robot.lookup("#inpaint-t").queryAs(Slider.class);
        assertEquals(0, vm.tProperty().get());
        assertEquals(slider.getMax(), slider.getValue(), "the result (t = 0) is the slider's right end");
        List<String> ends = robot.lookup("#inpaint-t-ends").queryAs(Pane.class).getChildren().stream()
                .filter(n -> n instanceof Label).map(n -> ((Label) n).getText()).toList();
        assertEquals(List.of("noise", "result"), ends);

        FormRobot.click(robot, "#inpaint-play");       // at the result: plays again from t = T
        assertEquals("Pause", play.getText());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.replay().playingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, vm.tProperty().get(), "the replay ends on the result");
        assertEquals("Play", play.getText());

        robot.interact(() -> {
            vm.replay().speedProperty().set(1);     // one step a second: Pause comes long before the end
            vm.tProperty().set(steps);
        });
        assertEquals(0.0, slider.getValue(), "noise (t = T) is the slider's left end");
        FormRobot.click(robot, "#inpaint-play");
        assertTrue(vm.replay().playingProperty().get());
        FormRobot.click(robot, "#inpaint-play");
        assertFalse(vm.replay().playingProperty().get(), "the second click pauses");
        int paused = vm.tProperty().get();
        assertTrue(paused > 0, "paused before the end: t = " + paused);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(paused, vm.tProperty().get(), "t stays where it was paused");
    }

    @Test
    void denoiseModeDoesNotShowTheFillsThumbnailsNorAnOldExportMessage(FxRobot robot, @TempDir Path dir)
            throws Exception {
        fill(robot, true);
        assertTrue(robot.lookup("#inpaint-fills").query().isVisible(), "four fills shown as thumbnails");
        Path png = dir.resolve("inpaint.png");
        robot.interact(() -> view.exportPng(png));
        Label exportStatus = robot.lookup("#inpaint-export-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(png)
                && exportStatus.getText().startsWith("Wrote"));

        FormRobot.click(robot, "#inpaint-mode-denoise");
        robot.interact(view::refreshNow);
        assertFalse(robot.lookup("#inpaint-fills").query().isVisible(), "the fill's thumbnails are gone");
        ImageView filled = (ImageView) robot.lookup("#panel-filled").lookup(".image-view").query();
        assertNull(filled.getImage(), "no fill shown as a denoising");
        assertEquals("", exportStatus.getText());
        assertTrue(robot.lookup("#inpaint-play").queryButton().isDisabled(), "no denoising to replay yet");

        FormRobot.click(robot, "#inpaint-mode-fill");
        robot.interact(view::refreshNow);
        assertTrue(robot.lookup("#inpaint-fills").query().isVisible(), "back in Fill mode the fill shows again");

        robot.interact(() -> view.exportPng(png));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> exportStatus.getText().startsWith("Wrote"));
        robot.interact(() -> vm.modelProperty().set("texture"));
        assertEquals("", exportStatus.getText(), "a message about the last model's export is cleared");
    }
}
