package org.diffusionlab.app.schedule;

import org.diffusionlab.app.testutil.Tabs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Point2D;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.diffusionlab.app.DiffusionLabApp;
import org.diffusionlab.app.MainWindow;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.diffusionlab.engine.train.Snapshot;
import org.diffusionlab.engine.train.Trainer;
import org.diffusionlab.engine.train.TrainingConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.diffusionlab.data.SwissRoll;
import org.diffusionlab.engine.gaussian.OptimalKernelBound;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The Schedule pane in the whole app, headless (Monocle): drags, refusals, presets, the bound shown, undo. */
@ExtendWith(ApplicationExtension.class)
class SchedulePaneTest {

    private MainWindow window;
    private ScheduleView view;
    private ScheduleViewModel vm;

    @Start
    void start(Stage stage) {
        DiffusionLabApp app = new DiffusionLabApp();
        app.start(stage);
        window = app.window();
        view = window.scheduleView();
        vm = view.viewModel();
    }

    @Stop
    void stop() {
        window.dispose();
    }

    @BeforeEach
    void openThePane(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !start.isDisabled());
        robot.interact(() -> Tabs.select(robot, "tab-schedule"));
        settle();
    }

    private void settle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.boundsProperty().get() != null && !vm.isBusy());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void choose(FxRobot robot, String preset) throws Exception {
        robot.interact(() -> view.preset.setValue(preset));
        settle();
    }

    /** Drags control point i by dy pixels (mouse pressed on the point, moved in two steps, released). */
    private void drag(FxRobot robot, int i, double dy, boolean release) {
        drag(robot, i, dy, release, 2);
    }

    /**
     * The same with the move cut into {@code moves} steps; 0: one jump straight to the end point (a synthetic drag
     * event, since the robot glides through every pixel on its way).
     */
    private void drag(FxRobot robot, int i, double dy, boolean release, int moves) {
        Point2D at = view.betaChart().controlPosition(i);
        assertNotNull(at, "the chart has been drawn");
        var canvas = view.betaChart().viewer().getCanvas();
        robot.moveTo(canvas.localToScreen(at.getX(), at.getY()));
        robot.press(MouseButton.PRIMARY);
        for (int k = 0; k < moves; k++) {
            robot.moveBy(0, dy / moves);
        }
        if (moves == 0) {
            javafx.geometry.Point2D end = canvas.localToScreen(at.getX(), at.getY() + dy);
            javafx.geometry.Point2D scene = canvas.localToScene(at.getX(), at.getY() + dy);   // events carry scene x, y
            robot.interact(() -> javafx.event.Event.fireEvent(canvas, new javafx.scene.input.MouseEvent(
                    javafx.scene.input.MouseEvent.MOUSE_DRAGGED, scene.getX(), scene.getY(), end.getX(), end.getY(),
                    MouseButton.PRIMARY, 1, false, false, false, false, true, false, false, false, false, false, null)));
        }
        if (release) {
            robot.release(MouseButton.PRIMARY);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void draggingAPointChangesBetaAtItsStepByTheAxisAmountAndUpdatesAbar(FxRobot robot) throws Exception {
        choose(robot, "released");
        ScheduleChart chart = view.betaChart();
        int i = 4;
        int t = vm.editor().current().controlStep(i);
        BetaSchedule before = vm.editor().current().schedule();
        double y0 = chart.controlPosition(i).getY();
        double dy = 40;
        // What the axis says the mouse asks for, one and a half pixels either side (the robot lands on whole pixels).
        double low = chart.betaAt(y0 + dy + 1.5);
        double high = chart.betaAt(y0 + dy - 1.5);
        drag(robot, i, dy, true);
        BetaSchedule after = vm.editor().current().schedule();
        double beta = after.beta(t);
        assertTrue(beta >= low && beta <= high, "beta_" + t + " = " + beta + " should be in [" + low + ", " + high + "]");
        assertTrue(beta < before.beta(t) / 2, "dragged down by 40 px on the log axis: a clear drop");
        assertEquals(beta, chart.plottedBeta(t), 0, "the curve shows the new value");
        // the other control points stay where they were; the curve's abar follows
        for (int k = 0; k < vm.editor().current().controlCount(); k++) {
            int tk = vm.editor().current().controlStep(k);
            if (k != i) {
                assertEquals(before.beta(tk), after.beta(tk), 1e-15 * before.beta(tk), "control point at t = " + tk);
            }
        }
        double abar = 1;
        for (int s = 1; s <= after.steps(); s++) {
            abar *= 1 - after.beta(s);
            assertEquals(abar, chart.plottedAbar(s), 1e-12 * abar, "abar_" + s);
        }
        assertTrue(chart.plottedAbar(after.steps()) > before.abar(before.steps()),
                "less noise at one step leaves more signal at the end");
        settle();
        assertEquals(after, vm.boundsProperty().get().edited().schedule(), "the bound follows the drag");
    }

    @Test
    void aDragOutsideZeroOneIsRefusedAndTheReasonShownAtThePoint(FxRobot robot) throws Exception {
        choose(robot, "linear");
        robot.interact(() -> view.logScale.setSelected(false));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(view::flushCharts);
        WaitForAsyncUtils.waitForFxEvents();
        ScheduleEdit before = vm.editor().current();
        ScheduleChart chart = view.betaChart();
        int i = 3;
        Point2D at = chart.controlPosition(i);
        double area = chart.viewer().getCanvas().getHeight();
        double down = area - at.getY() + 20;          // below the plot's zero line: beta < 0
        assertTrue(chart.betaAt(at.getY() + down) < 0);
        drag(robot, i, down, false, 0);
        assertEquals(before, vm.editor().current(), "the curve stays as it was");
        assertNotNull(vm.refusalProperty().get());
        assertEquals(i, vm.refusalProperty().get().control());
        String text = chart.refusalText();
        assertNotNull(text, "the reason is drawn at the point");
        assertTrue(text.contains("(0, 1)") && text.contains("\u03b2_" + before.controlStep(i)), text);
        assertEquals(text, view.message.getText());
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, vm.editor().current());
        assertTrue(!vm.editor().canUndoProperty().get() || vm.editor().current().equals(before));

        // On the log axis the top edge is beta = 1: dragging above it is refused too.
        robot.interact(() -> view.logScale.setSelected(true));
        robot.interact(view::flushCharts);
        WaitForAsyncUtils.waitForFxEvents();
        Point2D top = chart.controlPosition(i);
        drag(robot, i, -top.getY() - 10, true, 0);
        assertEquals(before, vm.editor().current());
        assertTrue(chart.refusalText() != null && chart.refusalText().contains("(0, 1)"), chart.refusalText());
        // the next good drag clears the refusal
        drag(robot, i, 10, true);
        assertNull(chart.refusalText());
    }

    @Test
    void eachPresetShowsTheEnginesValues(FxRobot robot) throws Exception {
        TrainingConfig run = window.trainViewModel().runConfig();
        for (String name : TrainingConfig.SCHEDULES) {
            choose(robot, name);
            BetaSchedule engine = run.withSchedule(name).baseSchedule();
            for (int t = 1; t <= engine.steps(); t++) {
                assertEquals(engine.beta(t), view.betaChart().plottedBeta(t), 0, name + " beta_" + t);
                assertEquals(engine.abar(t), view.betaChart().plottedAbar(t), 0, name + " abar_" + t);
            }
            assertEquals(name, view.preset.getValue());
        }
        choose(robot, ScheduleViewModel.LEARNED);
        Snapshot s = window.trainViewModel().snapshotProperty().get();
        assertArrayEquals(s.schedule().betas(), vm.editor().current().schedule().betas());
        // binomial is the paper's 1/(T - t + 1) with the run's beta_1
        choose(robot, "binomial");
        assertEquals(1.0 / 39, view.betaChart().plottedBeta(2), 1e-15);
        assertEquals(run.beta1(), view.betaChart().plottedBeta(1), 0);
    }

    @Test
    void theKShownForAnEditedScheduleIsTheEnginesK(FxRobot robot) throws Exception {
        robot.clickOn("#tab-train");
        Button step = robot.lookup("#step").queryButton();
        for (int k = 0; k < 3; k++) {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !step.isDisabled());
            robot.clickOn(step);
        }
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !step.isDisabled());
        robot.interact(() -> Tabs.select(robot, "tab-schedule"));
        choose(robot, "cosine");
        drag(robot, 6, 30, true);
        settle();
        ScheduleWork.Bounds b = vm.boundsProperty().get();
        BetaSchedule edited = vm.editor().current().schedule();
        assertEquals(edited, b.edited().schedule());
        Snapshot snap = window.trainViewModel().snapshotProperty().get();
        assertEquals(snap.iteration(), b.iteration());
        assertEquals(3, snap.iteration());

        // The engine's own holdout K: a trainer holding the same network on the edited schedule, fixed.
        DiffusionModel m = snap.toModel();
        TrainingConfig c = m.config().withSchedule(TrainingConfig.CUSTOM).withLearnBeta(false)
                .withData(m.config().noiseStd(), edited.beta(1));
        double engineK = new Trainer(new DiffusionModel(c, edited, m.network()), List.of(), 0, 0).evaluateHoldout();
        assertEquals(engineK, b.edited().kBits(), 0.0);
        assertEquals(ScheduleFormat.bits(engineK) + " bits", view.kEdited.getText());
        // and under the trained schedule, the Train pane's holdout K
        assertEquals(snap.holdoutKBits(), b.trained().kBits(), 0.0);
        assertNotEquals(b.trained().kBits(), b.edited().kBits());
        assertEquals(ScheduleFormat.signedBits(engineK - snap.holdoutKBits()) + " bits", view.kDelta.getText());

        // The best any Gaussian kernel reaches under the edited schedule: the engine's figure on the pane's points.
        ScheduleWork.BestKernel best = vm.bestKernelProperty().get();
        assertEquals(edited, best.schedule());
        SwissRoll roll = (SwissRoll) m.dataset();
        OptimalKernelBound.Result engineBest = OptimalKernelBound.compute(roll, edited,
                roll.holdoutSet(ScheduleWork.BEST_KERNEL_POINTS, ScheduleWork.BEST_KERNEL_SEED), ScheduleWork.BEST_KERNEL_SEED);
        assertEquals(engineBest.kBits(), best.kBits(), 0.0);
        assertTrue(view.kBest.getText().startsWith(ScheduleFormat.bits(engineBest.kBits()) + " \u00b1 "), view.kBest.getText());
        assertTrue(best.kBits() > engineK, "a 3-iteration network is far below the best kernel");
        int marks = WaitForAsyncUtils.asyncFx(() -> view.boundChart().bestCount()).get();
        assertEquals(edited.steps() - 1, marks, "a best-kernel mark per step t = 2..T");
    }

    @Test
    void undoRestoresThePreviousScheduleExactlyAndRedoReappliesIt(FxRobot robot) throws Exception {
        choose(robot, "cosine");
        ScheduleEdit original = vm.editor().current();
        double[] originalBetas = original.schedule().betas();
        drag(robot, 2, -25, true);
        ScheduleEdit dragged = vm.editor().current();
        assertNotEquals(original, dragged);
        robot.interact(() -> {
            view.beta1.setText("0.004");
            view.beta1.getOnAction().handle(null);
        });
        ScheduleEdit both = vm.editor().current();
        assertEquals(0.004, both.schedule().beta(1));
        // a refused beta_1 says why at the field and changes nothing
        robot.interact(() -> {
            view.beta1.setText("0.7");
            view.beta1.getOnAction().handle(null);
        });
        assertTrue(view.beta1Error.isVisible() && view.beta1Error.getText().contains("(0, 0.5)"));
        assertEquals(both, vm.editor().current());

        robot.clickOn("#schedule-undo");
        assertEquals(dragged, vm.editor().current());
        robot.clickOn("#schedule-undo");
        assertEquals(original, vm.editor().current());
        assertArrayEquals(originalBetas, vm.editor().current().schedule().betas());
        assertArrayEquals(originalBetas, curve(), "the chart shows the restored values");
        robot.clickOn("#schedule-redo");
        robot.clickOn("#schedule-preset");       // the keys work wherever the focus is in the pane
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.Y)
                .release(javafx.scene.input.KeyCode.CONTROL);
        assertEquals(both, vm.editor().current());
        assertTrue(robot.lookup("#schedule-redo").queryButton().isDisabled());
    }

    @Test
    void withLearnedBetaTheCurveFollowsTrainingAndTheStartingScheduleStays(FxRobot robot) throws Exception {
        TrainingConfig run = window.trainViewModel().runConfig();
        assertTrue(run.learnBeta());
        assertEquals(ScheduleViewModel.LEARNED, vm.editor().current().source(), "a learned run opens on its schedule");
        Button step = robot.lookup("#step").queryButton();
        robot.interact(() -> window.trainViewModel().step());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.trainViewModel().snapshotProperty().get().iteration() == 1
                && !step.isDisabled());
        robot.interact(() -> window.trainViewModel().step());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.trainViewModel().snapshotProperty().get().iteration() == 2
                && !step.isDisabled());
        WaitForAsyncUtils.waitForFxEvents();
        Snapshot s = window.trainViewModel().snapshotProperty().get();
        assertArrayEquals(s.betas(), vm.editor().current().schedule().betas(), "the edited curve is the learned one");
        assertArrayEquals(s.betas(), vm.modelScheduleProperty().get().betas());
        assertNotEquals(run.baseSchedule(), s.schedule(), "beta has moved");
        assertEquals(run.baseSchedule(), vm.startScheduleProperty().get(), "the starting schedule stays");
        assertFalse(vm.editor().canUndoProperty().get(), "following the model is not an edit");
        for (int t = 1; t <= s.betas().length; t++) {
            assertEquals(s.betas()[t - 1], view.betaChart().plottedBeta(t), 0);
        }
    }

    @Test
    void fineTuneContinuesTheModelOnTheEditedScheduleHeldFixed(FxRobot robot) throws Exception {
        choose(robot, "binomial");
        drag(robot, 5, 20, true);
        BetaSchedule edited = vm.editor().current().schedule();
        robot.clickOn("#schedule-fine-tune");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> {
            Snapshot s = window.trainViewModel().snapshotProperty().get();
            return s != null && s.config().hasCustomSchedule() && s.iteration() >= 5;
        });
        robot.interact(() -> window.trainViewModel().pause());
        Snapshot s = window.trainViewModel().snapshotProperty().get();
        assertTrue(!s.config().learnBeta(), "fine-tuning holds the schedule fixed");
        assertArrayEquals(edited.betas(), s.betas(), "training runs on exactly the edited betas");
        assertEquals(edited.beta(1), s.config().beta1());
        assertEquals(TrainingConfig.CUSTOM, window.trainViewModel().scheduleProperty().get(),
                "the Train pane shows the run's schedule");
        // the model is now trained on the edited schedule: both bars are the same schedule's
        settle();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.boundsProperty().get().trained().schedule()
                .equals(vm.boundsProperty().get().edited().schedule()));

        // Reset from the Train pane: a fresh run on the same custom betas
        Button start = robot.lookup("#start").queryButton();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !start.isDisabled());
        robot.interact(() -> window.trainViewModel().reset());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.trainViewModel().snapshotProperty().get()
                .iteration() == 0 && !start.isDisabled());
        Snapshot fresh = window.trainViewModel().snapshotProperty().get();
        assertTrue(fresh.config().hasCustomSchedule());
        assertArrayEquals(edited.betas(), fresh.betas());
    }

    private double[] curve() {
        int steps = vm.editor().current().steps();
        double[] b = new double[steps];
        for (int t = 1; t <= steps; t++) {
            b[t - 1] = view.betaChart().plottedBeta(t);
        }
        return b;
    }
}
