package org.diffusionlab.app.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javax.imageio.ImageIO;
import org.diffusionlab.app.DiffusionLabApp;
import org.diffusionlab.app.FileDialogs;
import org.diffusionlab.app.MainWindow;
import org.diffusionlab.app.service.RunService.Activity;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.io.ModelFile;
import org.diffusionlab.engine.io.SavedModel;
import org.diffusionlab.engine.train.HistoryPoint;
import org.diffusionlab.engine.train.OptimizerKind;
import org.diffusionlab.engine.train.TrainingStatus;
import org.diffusionlab.engine.train.Snapshot;
import org.diffusionlab.engine.train.TrainingConfig;
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
 * The Train pane driven through its real controls, headless (Monocle). A small holdout and batch keep the training
 * quick; the analyses (samples, log-likelihood) are scaled down the same way.
 */
@ExtendWith(ApplicationExtension.class)
class TrainPaneTest {

    static final TrainingConfig SMALL = TrainingConfig.defaults().withHoldoutSize(100)
            .withOptimizer(OptimizerKind.ADAM, 1e-2, 32);
    static final TrainAnalysis.Settings QUICK = new TrainAnalysis.Settings(300, 500, 100, 20, 5, 5_000, 200);

    private MainWindow window;
    private Stage stage;
    private Path openAnswer;
    private Path saveAnswer;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(SMALL, QUICK, null);
        window.setFileDialogs(new FileDialogs() {
            @Override
            public Path open(String title, String description, String extension) {
                return openAnswer;
            }

            @Override
            public Path save(String title, String description, String extension, String suggestedName) {
                return saveAnswer;
            }
        });
        window.trainView().setConfirmation(question -> true);
        stage.setScene(DiffusionLabApp.createScene(window));
        stage.show();
        stage.toFront();
    }

    @Stop
    void stop() {
        window.dispose();
    }

    // ------------------------------------------------------------------------------------------------------------

    @Test
    void startPauseStepAndReset(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        waitUntil(60, () -> !start.isDisabled());
        assertEquals("Start", start.getText());
        assertEquals(0, fx(() -> window.trainView().kPointCount()));

        click(robot, "#start");
        waitUntil(60, () -> fx(() -> window.trainView().kPointCount()) >= 3 && iteration(robot) > 0);
        assertTrue(fx(() -> window.trainView().klBarCount()) == SMALL.steps() - 1, "a bar per step t = 2..T");

        click(robot, "#pause");
        waitUntil(30, () -> activity() == Activity.IDLE);
        long paused = iteration(robot);
        assertEquals(paused, snapshot().iteration());
        Thread.sleep(600);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(paused, iteration(robot), "Pause stops the counter");
        assertEquals("Resume", start.getText());
        assertEquals("Paused", robot.lookup("#status-state").queryAs(Label.class).getText());

        int pointsBefore = fx(() -> window.trainView().kPointCount());
        click(robot, "#step");
        waitUntil(30, () -> iteration(robot) > paused && activity() == Activity.IDLE);
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(paused + 1, iteration(robot), "Step does exactly one iteration");
        assertEquals(pointsBefore + 1, fx(() -> window.trainView().kPointCount()), "and adds one point to the curve");

        click(robot, "#reset");
        waitUntil(30, () -> iteration(robot) == 0 && activity() == Activity.IDLE);
        waitUntil(10, () -> fx(() -> window.trainView().kPointCount()) == 0);
        assertEquals("Start", start.getText());
        assertFalse(start.isDisabled());
    }

    @Test
    void anInvalidLearningRateIsRefusedWithItsReasonAndStartIsDisabled(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        waitUntil(60, () -> !start.isDisabled());
        Label error = robot.lookup("#learning-rate-error").queryAs(Label.class);
        assertFalse(error.isVisible());

        retype(robot, "#learning-rate", "abc");
        assertTrue(error.isVisible());
        assertEquals("Learning rate must be a number (e.g. 0.01 or 1e-3), got abc", error.getText());
        assertTrue(start.isDisabled());
        assertTrue(robot.lookup("#step").queryButton().isDisabled());

        retype(robot, "#learning-rate", "-1");
        assertTrue(error.isVisible());
        assertTrue(error.getText().contains("(0, 1]"), error.getText());
        assertTrue(start.isDisabled());

        retype(robot, "#learning-rate", "0.005");
        assertFalse(error.isVisible());
        assertFalse(start.isDisabled());
    }

    @Test
    void anInvalidStepCountIsRefusedAndAValidOneRebuildsTheUnstartedRun(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        waitUntil(60, () -> !start.isDisabled());
        retype(robot, "#steps", "1");
        Label error = robot.lookup("#steps-error").queryAs(Label.class);
        assertTrue(error.isVisible());
        assertEquals("T must be between 2 and 1000, got 1", error.getText());
        assertTrue(start.isDisabled());

        retype(robot, "#steps", "20");
        robot.type(KeyCode.ENTER);
        waitUntil(30, () -> snapshot().config().steps() == 20 && activity() == Activity.IDLE);
        assertFalse(start.isDisabled());
        assertEquals(19, fx(() -> window.trainView().klBarCount()));
    }

    @Test
    void changingTAfterTrainingAsksFirstAndKeepsTheRunIfDeclined(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        waitUntil(60, () -> !start.isDisabled());
        click(robot, "#step");
        waitUntil(30, () -> snapshot().iteration() == 1 && activity() == Activity.IDLE);

        List<String> asked = new java.util.ArrayList<>();
        window.trainView().setConfirmation(q -> asked.add(q) && false);
        retype(robot, "#steps", "20");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).contains("the 1 iterations trained so far will be discarded"), asked.get(0));
        assertEquals("40", robot.lookup("#steps").queryTextInputControl().getText(), "declined: the form shows the run");
        assertEquals(1, snapshot().iteration());

        window.trainView().setConfirmation(q -> true);
        retype(robot, "#steps", "20");
        robot.type(KeyCode.ENTER);
        waitUntil(30, () -> snapshot().config().steps() == 20 && snapshot().iteration() == 0
                && activity() == Activity.IDLE);
        waitUntil(10, () -> fx(() -> window.trainView().kPointCount()) == 0);
    }

    @Test
    void saveThenOpenRoundTripsParametersAndHistory(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        waitUntil(60, () -> !start.isDisabled());
        for (int i = 1; i <= 3; i++) {
            long want = i;
            click(robot, "#step");
            waitUntil(30, () -> snapshot().iteration() == want && activity() == Activity.IDLE);
        }
        Snapshot saved = snapshot();
        saveAnswer = dir.resolve("three-steps.dlab");
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitUntil(30, () -> Files.exists(saveAnswer) && saveAnswer.equals(window.currentFile()));

        click(robot, "#reset");
        waitUntil(30, () -> snapshot().iteration() == 0 && activity() == Activity.IDLE);
        assertEquals(0, fx(() -> window.trainView().kPointCount()));

        openAnswer = saveAnswer;
        robot.press(KeyCode.CONTROL, KeyCode.O).release(KeyCode.O, KeyCode.CONTROL);
        waitUntil(30, () -> snapshot().iteration() == 3 && activity() == Activity.IDLE);
        Snapshot loaded = snapshot();
        assertArrayEquals(asFloats(saved.parameters()), asFloats(loaded.parameters()), "the file keeps float32");
        assertArrayEquals(saved.betas(), loaded.betas(), 1e-12, "beta goes through the trainer's logit");
        assertEquals(saved.history(), loaded.history());
        assertEquals(saved.config(), loaded.config());
        assertEquals(3, fx(() -> window.trainView().kPointCount()));
        assertEquals("3", robot.lookup("#iteration").queryAs(Label.class).getText());

        // and training continues from there
        click(robot, "#step");
        waitUntil(30, () -> snapshot().iteration() == 4 && activity() == Activity.IDLE);
    }

    @Test
    void aDivergingRunStopsKeepsItsBestStateAndSaysSo(FxRobot robot) throws Exception {
        // A sound model file (weights with absurd values are refused when a file is read), trained with the largest
        // learning rate the form allows on a network that cannot take it: K collapses within a few iterations.
        DiffusionModel model = DiffusionModel.untrained(SMALL.withArchitecture("relu:64,64+local")
                .withOptimizer(OptimizerKind.ADAM, 1.0, 32));
        openAnswer = dir.resolve("explosive.dlab");
        ModelFile.save(openAnswer, SavedModel.now(model, List.of(), 7, 1.0));

        Button start = robot.lookup("#start").queryButton();
        waitUntil(60, () -> !start.isDisabled());
        robot.press(KeyCode.CONTROL, KeyCode.O).release(KeyCode.O, KeyCode.CONTROL);
        waitUntil(30, () -> snapshot().iteration() == 7 && activity() == Activity.IDLE);
        Snapshot loaded = snapshot();

        click(robot, "#start");
        waitUntil(120, () -> activity() == Activity.IDLE && snapshot().status() == TrainingStatus.DIVERGED);
        assertArrayEquals(loaded.parameters(), snapshot().parameters(),
                "the best parameters seen (the start: K only fell) are kept");
        assertTrue(Double.isFinite(snapshot().holdoutKBits()), "the kept model has a finite bound");
        assertEquals("Diverged", robot.lookup("#status-state").queryAs(Label.class).getText());
        Label message = robot.lookup("#message").queryAs(Label.class);
        assertTrue(message.isVisible());
        assertTrue(message.getText().startsWith("Training diverged"), message.getText());
        assertFalse(start.isDisabled(), "the user may lower the learning rate and try again");
    }

    @Test
    void openingACorruptFileShowsWhyAndChangesNothing(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        waitUntil(60, () -> !start.isDisabled());
        click(robot, "#step");
        waitUntil(30, () -> snapshot().iteration() == 1 && activity() == Activity.IDLE);
        Snapshot before = snapshot();

        openAnswer = dir.resolve("corrupt.dlab");
        Files.writeString(openAnswer, "this is not a model file");
        robot.press(KeyCode.CONTROL, KeyCode.O).release(KeyCode.O, KeyCode.CONTROL);
        waitUntil(30, () -> robot.lookup("#error-dialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        assertTrue(dialog.getContentText().startsWith("Cannot open model file " + openAnswer.toAbsolutePath()),
                dialog.getContentText());
        robot.interact(() -> dialog.getScene().getWindow().hide());

        waitUntil(10, () -> activity() == Activity.IDLE);
        assertEquals(before, snapshot(), "the run is untouched");
        assertEquals(null, window.currentFile());
        click(robot, "#step");
        waitUntil(30, () -> snapshot().iteration() == 2);
    }

    @Test
    void theCurveShowsTheBestGaussianKernelBesideTheLogLikelihood(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        waitUntil(60, () -> !start.isDisabled());
        click(robot, "#start");
        waitUntil(90, () -> fx(() -> window.trainView().bestKernelCount()) >= 1);
        click(robot, "#pause");
        waitUntil(30, () -> activity() == Activity.IDLE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(fx(() -> window.trainView().logLikelihoodCount()), fx(() -> window.trainView().bestKernelCount()),
                "both come from the same evaluation");
        TrainAnalysis.LogLikelihoodPoint p = fx(() -> window.trainViewModel().analysis().logLikelihoods().get(0));
        HistoryPoint at = snapshot().history().stream().filter(h -> h.iteration() == p.iteration()).findFirst()
                .orElseThrow();
        // The best kernel bounds every network under the same schedule: far above a model a few seconds old.
        assertTrue(p.bestKernelBits() > at.holdoutKBits(), p + " vs holdout K " + at.holdoutKBits());
        assertTrue(p.bestKernelBits() < 0, "a Gaussian kernel with T = 40 stays below the noisy roll's ceiling (-0.27): " + p);
    }

    @Test
    void aBudgetShowsProgressAndStopsTheRun(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        waitUntil(60, () -> !start.isDisabled());
        robot.interact(() -> window.trainViewModel().budgetKindProperty().set(TrainLogic.BudgetKind.ITERATIONS));
        retype(robot, "#budget", "40");
        click(robot, "#start");
        waitUntil(60, () -> snapshot().iteration() >= 40 && activity() == Activity.IDLE);
        assertEquals(40, snapshot().iteration());
        assertEquals("Finished", robot.lookup("#status-state").queryAs(Label.class).getText());
        assertEquals(1.0, window.trainViewModel().progressProperty().get(), 1e-9);
        assertTrue(robot.lookup("#progress").query().isVisible());
    }

    @Test
    void shortcutsStepAndTheMenuExportsTheCurveAsCsvAndThePlotAsPng(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        waitUntil(60, () -> !start.isDisabled());
        robot.push(KeyCode.F7);
        waitUntil(30, () -> snapshot().iteration() == 1 && activity() == Activity.IDLE);
        robot.push(KeyCode.F7);
        waitUntil(30, () -> snapshot().iteration() == 2 && activity() == Activity.IDLE);

        saveAnswer = dir.resolve("curve.csv");
        fireMenuItem(robot, "menu-export-csv");
        waitUntil(30, () -> Files.exists(saveAnswer) && Files.readAllLines(saveAnswer).size() == 3);
        List<String> lines = Files.readAllLines(saveAnswer);
        assertEquals("iteration,seconds,batch_k_bits,holdout_k_bits,is_log_likelihood_bits,best_kernel_k_bits", lines.get(0));
        assertTrue(lines.get(1).startsWith("1,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("2,"), lines.get(2));

        saveAnswer = dir.resolve("k-plot.png");
        fireMenuItem(robot, "menu-export-k-curve");
        waitUntil(30, () -> Files.exists(saveAnswer) && ImageIO.read(saveAnswer.toFile()) != null);
        BufferedImage image = ImageIO.read(saveAnswer.toFile());
        assertTrue(image.getWidth() > 200 && image.getHeight() > 150, image.getWidth() + "x" + image.getHeight());
    }

    @Test
    void closingTheWindowStopsTheWorkerWithinASecond(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        waitUntil(60, () -> !start.isDisabled());
        click(robot, "#start");
        waitUntil(30, () -> snapshot().iteration() > 0);
        robot.interact(window::dispose);
        assertTrue(window.trainViewModel().service().awaitTermination(1000), "worker still running");
    }

    @Test
    void closingWithUnsavedTrainingAsksAndCancelKeepsTheWindowOpen(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        waitUntil(60, () -> !start.isDisabled());
        click(robot, "#step");
        waitUntil(30, () -> snapshot().iteration() == 1 && activity() == Activity.IDLE);

        // the real dialog: the request is posted, since the dialog waits for an answer inside the close handler
        Platform.runLater(() -> requestClose());
        waitUntil(10, () -> robot.lookup("#close-dialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#close-dialog").queryAs(DialogPane.class);
        assertTrue(dialog.getContentText().contains("1 iterations of training that are not saved"),
                dialog.getContentText());
        List<String> answers = dialog.getButtonTypes().stream().map(ButtonType::getText).toList();
        assertEquals(List.of("Save", "Don't save", "Cancel"), answers);
        Button cancel = (Button) dialog.lookupButton(dialog.getButtonTypes().get(2));
        robot.interact(cancel::fire);
        waitUntil(10, () -> robot.lookup("#close-dialog").tryQuery().isEmpty());

        assertTrue(stage.isShowing(), "Cancel keeps the window open");
        assertFalse(window.trainViewModel().service().awaitTermination(0), "and the worker running");
        click(robot, "#step");
        waitUntil(30, () -> snapshot().iteration() == 2 && activity() == Activity.IDLE);
    }

    @Test
    void dontSaveClosesTheWindowAndStopsTheWorkerWithinASecond(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        waitUntil(60, () -> !start.isDisabled());
        List<String> asked = new java.util.ArrayList<>();
        window.setCloseQuestion(q -> {
            asked.add(q);
            return MainWindow.CloseChoice.DONT_SAVE;
        });
        click(robot, "#start");
        waitUntil(30, () -> snapshot().iteration() > 0);

        robot.interact(this::requestClose);
        assertEquals(1, asked.size());
        assertFalse(stage.isShowing(), "Don't save closes");
        assertTrue(window.trainViewModel().service().awaitTermination(1000), "worker still running");
    }

    @Test
    void saveInTheClosePromptSavesAsThenCloses(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        waitUntil(60, () -> !start.isDisabled());
        click(robot, "#step");
        waitUntil(30, () -> snapshot().iteration() == 1 && activity() == Activity.IDLE);
        window.setCloseQuestion(q -> MainWindow.CloseChoice.SAVE);

        saveAnswer = null;      // the user cancels Save as...: nothing is written and the window stays open
        robot.interact(this::requestClose);
        assertTrue(stage.isShowing());

        saveAnswer = dir.resolve("on-close.dlab");
        robot.interact(this::requestClose);
        waitUntil(30, () -> !stage.isShowing());
        assertTrue(Files.exists(saveAnswer));
        assertEquals(1, ModelFile.load(saveAnswer).iterations());
        assertTrue(window.trainViewModel().service().awaitTermination(1000), "worker still running");
    }

    @Test
    void closingWithNothingUnsavedDoesNotAsk(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        waitUntil(60, () -> !start.isDisabled());
        List<String> asked = new java.util.ArrayList<>();
        window.setCloseQuestion(q -> {
            asked.add(q);
            return MainWindow.CloseChoice.CANCEL;
        });
        click(robot, "#step");
        click(robot, "#step");
        waitUntil(30, () -> snapshot().iteration() == 2 && activity() == Activity.IDLE);
        saveAnswer = dir.resolve("saved.dlab");
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitUntil(30, () -> Files.exists(saveAnswer) && saveAnswer.equals(window.currentFile()));
        assertEquals(0, fx(() -> window.trainViewModel().unsavedIterations()));

        robot.interact(this::requestClose);
        assertEquals(List.of(), asked, "everything is saved: no question");
        assertFalse(stage.isShowing());
        assertTrue(window.trainViewModel().service().awaitTermination(1000), "worker still running");
    }

    @Test
    void aFreshRunClosesWithoutAsking(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        waitUntil(60, () -> !start.isDisabled());
        List<String> asked = new java.util.ArrayList<>();
        window.setCloseQuestion(q -> {
            asked.add(q);
            return MainWindow.CloseChoice.CANCEL;
        });
        robot.interact(this::requestClose);
        assertEquals(List.of(), asked);
        assertFalse(stage.isShowing());
    }

    /** What the window's close button does: the platform fires a close request at the stage. */
    private void requestClose() {
        stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Fires a menu item of the window's menu bar, found by id (popup menus are not clicked headless). */
    private static void fireMenuItem(FxRobot robot, String id) {
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        MenuItem item = find(bar.getMenus(), id);
        assertTrue(item != null && !item.isDisable(), id + " missing or disabled");
        robot.interact(item::fire);
    }

    private static MenuItem find(List<? extends MenuItem> items, String id) {
        for (MenuItem i : items) {
            if (id.equals(i.getId())) {
                return i;
            }
            if (i instanceof Menu m) {
                MenuItem found = find(m.getItems(), id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static float[] asFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private Snapshot snapshot() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> window.trainViewModel().snapshotProperty().get()).get();
    }

    private Activity activity() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> window.trainViewModel().service().getActivity()).get();
    }

    private static long iteration(FxRobot robot) {
        return Long.parseLong(robot.lookup("#iteration").queryAs(Label.class).getText().replace(",", ""));
    }

}
