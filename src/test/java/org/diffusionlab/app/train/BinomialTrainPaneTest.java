package org.diffusionlab.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.diffusionlab.app.DiffusionLabApp;
import org.diffusionlab.app.FileDialogs;
import org.diffusionlab.app.MainWindow;
import org.diffusionlab.app.MainWindow.Experiment;
import org.diffusionlab.app.service.RunService.Activity;
import org.diffusionlab.data.Heartbeat;
import org.diffusionlab.engine.binomial.BinomialModelFile;
import org.diffusionlab.engine.binomial.BinomialSnapshot;
import org.diffusionlab.engine.binomial.SavedBinomialModel;
import org.diffusionlab.engine.train.TrainingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import static org.diffusionlab.app.testutil.FormRobot.click;
import static org.diffusionlab.app.testutil.FormRobot.fx;
import static org.diffusionlab.app.testutil.FormRobot.retype;
import static org.diffusionlab.app.testutil.FormRobot.scrollIntoView;
import static org.diffusionlab.app.testutil.FormRobot.waitUntil;

/**
 * The Train pane with the binary heartbeat chosen, driven through its real controls, headless (Monocle): the pane
 * swaps in, trains (a short T keeps it quick), refuses bad settings at the control, and switches back to the 2-D run
 * untouched; heartbeat models save and open through the window.
 */
@ExtendWith(ApplicationExtension.class)
class BinomialTrainPaneTest {

    private MainWindow window;
    private Stage stage;
    private Path saveAnswer;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(TrainPaneTest.SMALL, TrainPaneTest.QUICK, null);
        window.setFileDialogs(new FileDialogs() {
            @Override
            public Path open(String title, String description, String extension) {
                return null;
            }

            @Override
            public Path save(String title, String description, String extension, String suggestedName) {
                return saveAnswer;
            }
        });
        window.trainView().setConfirmation(question -> true);
        window.binaryTrainView().setConfirmation(question -> true);
        stage.setScene(DiffusionLabApp.createScene(window));
        stage.show();
        stage.toFront();
    }

    @Stop
    void stop() {
        window.dispose();
    }

    /** Chooses the heartbeat in the 2-D pane's data-set list, as a user would, and waits for its first run. */
    private void chooseHeartbeat(FxRobot robot) throws Exception {
        waitUntil(60, () -> fx(() -> window.trainViewModel().snapshotProperty().get() != null));
        click(robot, "#dataset");
        robot.clickOn("Binary heartbeat");
        waitUntil(60, () -> fx(() -> window.binaryTrainViewModel().snapshotProperty().get() != null
                && window.binaryTrainViewModel().service().getActivity() == Activity.IDLE));
    }

    @Test
    void choosingTheHeartbeatSwapsInItsPaneWithThePapersLines(FxRobot robot) throws Exception {
        chooseHeartbeat(robot);
        assertEquals(Experiment.HEARTBEAT, fx(window::getExperiment));
        assertTrue(robot.lookup("#binary-train-view").tryQuery().isPresent(), "the heartbeat pane shows");
        assertFalse(robot.lookup("#train-view").tryQuery().isPresent(), "the 2-D pane is swapped out");
        assertEquals(2, fx(() -> window.binaryTrainView().referenceLineCount()), "the paper's K and the truth");
        assertFalse(fx(() -> window.binaryTrainView().ceilingLabelAbove()),
                "the ceiling's label lies below its line, clear of the truth line just above it");
        assertEquals(String.format("%.3f bits", Heartbeat.PAPER_K_BITS),
                robot.lookup("#binary-paper").queryAs(Label.class).getText());
        BinomialSnapshot s = fx(() -> window.binaryTrainViewModel().snapshotProperty().get());
        assertEquals(2000, s.config().steps(), "the paper's T by default");
        assertNotNull(s.ceiling());
        assertTrue(s.ceiling().kBits() < Heartbeat.trueLogLikelihoodBits() + 0.1
                && s.ceiling().kBits() > -2.6, "ceiling near -2.39: " + s.ceiling().kBits());
        assertTrue(robot.lookup("#status-k").queryAs(Label.class).getText().endsWith("bits/seq"),
                "the status bar follows the heartbeat run");
        assertEquals(2000 - 1, fx(() -> window.binaryTrainView().klBarCount()), "a bar per step t = 2..T");
    }

    @Test
    void aShortRunRaisesKAndTheOtherRunIsKeptWhenSwitchingBack(FxRobot robot) throws Exception {
        long gaussianIteration = fx(() -> window.trainViewModel().snapshotProperty().get() == null ? -1L
                : window.trainViewModel().snapshotProperty().get().iteration());
        chooseHeartbeat(robot);
        retype(robot, "#binary-steps", "200");
        robot.type(KeyCode.ENTER);
        waitUntil(60, () -> fx(() -> {
            BinomialSnapshot s = window.binaryTrainViewModel().snapshotProperty().get();
            return s != null && s.config().steps() == 200
                    && window.binaryTrainViewModel().service().getActivity() == Activity.IDLE;
        }));
        double before = fx(() -> window.binaryTrainViewModel().snapshotProperty().get().holdoutKBits());

        click(robot, "#binary-budget-kind");
        robot.clickOn("Iterations");
        retype(robot, "#binary-budget", "300");
        click(robot, "#start");
        waitUntil(120, () -> fx(() -> {
            BinomialSnapshot s = window.binaryTrainViewModel().snapshotProperty().get();
            return s.status() == TrainingStatus.FINISHED
                    && window.binaryTrainViewModel().service().getActivity() == Activity.IDLE;
        }));
        BinomialSnapshot after = fx(() -> window.binaryTrainViewModel().snapshotProperty().get());
        assertEquals(300, after.iteration());
        assertTrue(after.holdoutKBits() > before + 5, "K rose from " + before + " to " + after.holdoutKBits());
        assertEquals("300", robot.lookup("#iteration").queryAs(Label.class).getText());
        assertTrue(fx(() -> window.binaryTrainView().kPointCount()) >= 2, "the K plot grew");

        click(robot, "#binary-dataset");
        robot.clickOn("Swiss roll");
        waitUntil(30, () -> fx(() -> window.getExperiment() == Experiment.POINTS));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#train-view").tryQuery().isPresent(), "back to the 2-D pane");
        assertEquals(gaussianIteration, fx(() -> window.trainViewModel().snapshotProperty().get().iteration()),
                "the 2-D run was not touched");
        assertEquals(300, fx(() -> window.binaryTrainViewModel().snapshotProperty().get().iteration()),
                "the heartbeat run is kept too");
    }

    @Test
    void switchingToTheHeartbeatPausesTheTwoDimensionalRun(FxRobot robot) throws Exception {
        waitUntil(60, () -> fx(() -> window.trainViewModel().snapshotProperty().get() != null
                && window.trainViewModel().service().getActivity() == Activity.IDLE));
        click(robot, "#start");
        waitUntil(60, () -> fx(() -> window.trainViewModel().service().getActivity() == Activity.TRAINING));
        // the data-set list is locked while training; File > Open example heartbeat model is not
        robot.interact(window::openExampleHeartbeat);
        waitUntil(120, () -> fx(() -> window.getExperiment() == Experiment.HEARTBEAT));
        waitUntil(60, () -> fx(() -> window.trainViewModel().service().getActivity() == Activity.IDLE));
        long kept = fx(() -> window.trainViewModel().snapshotProperty().get().iteration());
        assertTrue(kept > 0, "the 2-D run trained, and is kept");
        Thread.sleep(500);
        assertEquals(kept, fx(() -> window.trainViewModel().snapshotProperty().get().iteration()), "and paused");
    }

    @Test
    void closingAsksAboutEachRunWithUnsavedTraining(FxRobot robot) throws Exception {
        waitUntil(60, () -> fx(() -> window.trainViewModel().snapshotProperty().get() != null
                && window.trainViewModel().service().getActivity() == Activity.IDLE));
        click(robot, "#step");
        waitUntil(60, () -> fx(() -> window.trainViewModel().snapshotProperty().get().iteration() == 1
                && window.trainViewModel().service().getActivity() == Activity.IDLE));
        chooseHeartbeat(robot);
        click(robot, "#step");
        waitUntil(60, () -> fx(() -> window.binaryTrainViewModel().snapshotProperty().get().iteration() == 1
                && window.binaryTrainViewModel().service().getActivity() == Activity.IDLE));

        java.util.List<String> asked = new java.util.ArrayList<>();
        window.setCloseQuestion(q -> {
            asked.add(q);
            return asked.size() == 1 ? MainWindow.CloseChoice.DONT_SAVE : MainWindow.CloseChoice.SAVE;
        });
        saveAnswer = dir.resolve("on-close-heartbeat.dlab");
        robot.interact(window::requestClose);
        waitUntil(30, () -> !stage.isShowing());
        assertEquals(2, asked.size(), "one question per run: " + asked);
        assertTrue(asked.get(0).startsWith("The model has 1 iterations"), asked.get(0));
        assertTrue(asked.get(1).startsWith("The heartbeat model has 1 iterations"), asked.get(1));
        assertEquals(1, BinomialModelFile.load(saveAnswer).iterations(), "Save wrote the heartbeat run");
    }

    @Test
    void badSettingsAreRefusedAtTheControlWithTheirReason(FxRobot robot) throws Exception {
        chooseHeartbeat(robot);
        retype(robot, "#binary-steps", "1");
        assertTrue(robot.lookup("#binary-steps-error").queryAs(Label.class).getText().contains("2 to 10000"));
        assertTrue(robot.lookup("#start").queryButton().isDisabled(), "no Start with a refused field");
        retype(robot, "#binary-steps", "2000");
        retype(robot, "#binary-network", "relu:64");
        String why = robot.lookup("#binary-network-error").queryAs(Label.class).getText();
        assertFalse(why.isEmpty(), "an unknown activation is refused");
        retype(robot, "#binary-network", "tanh:64,64");
        retype(robot, "#binary-learning-rate", "2");
        assertFalse(robot.lookup("#binary-learning-rate-error").queryAs(Label.class).getText().isEmpty());
        retype(robot, "#binary-learning-rate", "0.003");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#start").queryButton().isDisabled(), "valid again");
    }

    @Test
    void heartbeatModelsSaveAndOpenThroughTheWindow(FxRobot robot) throws Exception {
        chooseHeartbeat(robot);
        click(robot, "#step");
        waitUntil(60, () -> fx(() -> window.binaryTrainViewModel().snapshotProperty().get().iteration() == 1
                && window.binaryTrainViewModel().service().getActivity() == Activity.IDLE));
        Path file = dir.resolve("heartbeat.dlab");
        var task = fx(() -> window.saveTo(file));
        waitUntil(60, () -> fx(task::isDone));
        assertTrue(Files.size(file) > 1000);
        SavedBinomialModel saved = BinomialModelFile.load(file);
        assertEquals(1, saved.iterations());
        assertEquals(0, fx(() -> window.binaryTrainViewModel().unsavedIterations()), "saved: nothing to lose");

        // back to the 2-D experiment; opening the heartbeat file shows its pane again, with its counters
        robot.interact(() -> window.setExperiment(Experiment.POINTS));
        robot.interact(() -> window.open(file));
        waitUntil(60, () -> fx(() -> window.getExperiment() == Experiment.HEARTBEAT));
        assertEquals(1, fx(() -> window.binaryTrainViewModel().snapshotProperty().get().iteration()));
        assertEquals(file, fx(() -> window.currentBinaryFile()));
    }

    @Test
    void theExampleHeartbeatModelOpensAtThePapersBound(FxRobot robot) throws Exception {
        robot.interact(window::openExampleHeartbeat);
        waitUntil(120, () -> fx(() -> window.getExperiment() == Experiment.HEARTBEAT
                && window.binaryTrainViewModel().snapshotProperty().get() != null
                && window.binaryTrainViewModel().snapshotProperty().get().iteration() > 0));
        BinomialSnapshot s = fx(() -> window.binaryTrainViewModel().snapshotProperty().get());
        assertTrue(s.holdoutKBits() > -2.45, "the shipped model's holdout K: " + s.holdoutKBits());

        // the window shows the Trajectory pane with the binary rasters, computing only while it shows
        // the window switches to the Trajectory pane once the model is open: wait for that pulse before looking
        waitUntil(30, () -> fx(() -> robot.lookup("#binary-raster-reverse").tryQuery().isPresent()));
        assertTrue(robot.lookup("#binary-raster-reverse").tryQuery().isPresent(), "the heartbeat's rasters show");
        assertFalse(fx(() -> window.trajectoryView().viewModel().isActive()), "the 2-D trajectories rest");
        var trajectories = window.binaryTrajectoryView().viewModel();
        waitUntil(120, () -> fx(() -> trajectories.framesProperty().get() != null && !trajectories.computingProperty().get()));
        assertTrue(fx(() -> trajectories.finalFractionCorrectProperty().get()) >= 0.9,
                "the shipped model's samples are true heartbeats");
        int t = fx(() -> trajectories.tProperty().get());
        robot.interact(() -> window.binaryTrajectoryView().requestFocus());
        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        int after = fx(() -> trajectories.tProperty().get());
        assertEquals(Math.min(t + 1, 2000), after, "the arrow key steps the heartbeat's t, exactly one");

        robot.interact(() -> window.selectTab("tab-train"));
        Button start = robot.lookup("#start").queryButton();
        assertSame(start, robot.lookup("#binary-train-view #start").queryButton(), "its own Run controls");
    }

    // ------------------------------------------------------------------------------------------------------------
}
