package org.diffusionlab.app.trajectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.diffusionlab.app.DiffusionLabApp;
import org.diffusionlab.app.MainWindow;
import org.diffusionlab.app.service.RunService.Activity;
import org.diffusionlab.app.testutil.FormRobot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Train on this data" on the Trajectory pane says why it is greyed out (its tooltip, a line under it and the
 * pane's status line), its question names what will happen, and "Discard and start over" does start over.
 */
@ExtendWith(ApplicationExtension.class)
class TrainOnYourDataTest {

    private MainWindow window;
    private TrajectoryViewModel vm;

    @Start
    void start(Stage stage) {
        DiffusionLabApp app = new DiffusionLabApp();
        app.start(stage);
        window = app.window();
        vm = window.trajectoryView().viewModel();
    }

    @Stop
    void stop() {
        window.dispose();
    }

    private Activity activity() {
        return window.trainViewModel().service().getActivity();
    }

    private String reasonShown(FxRobot robot) {
        Label reason = robot.lookup("#draw-use-reason").queryAs(Label.class);
        return reason.isVisible() ? reason.getText() : "";
    }

    @Test
    void aGreyedOutTrainOnThisDataSaysWhyAndDiscardAndStartOverStartsTraining(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.trainViewModel().snapshotProperty().get() != null);
        robot.interact(() -> window.selectTab("tab-trajectory"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.framesProperty().get() != null);
        FormRobot.click(robot, "#draw-mode");
        Button use = robot.lookup("#draw-use").queryButton();
        Label status = robot.lookup("#trajectory-status").queryAs(Label.class);

        // nothing drawn yet
        assertTrue(use.isDisabled());
        assertTrue(reasonShown(robot).startsWith("Draw at least"), reasonShown(robot));
        assertEquals(reasonShown(robot), status.getText(), "the status line says it too");
        assertTrue(use.getTooltip().getText().startsWith("Draw at least"), use.getTooltip().getText());

        robot.drag("#draw-canvas").moveBy(-120, -60).moveBy(80, -80).release(MouseButton.PRIMARY);
        robot.moveTo("#draw-canvas").moveBy(100, 100).clickOn();
        assertTrue(vm.drawing().pointsProperty().get() > 10);

        // while training runs
        robot.interact(() -> window.trainViewModel().start());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> activity() == Activity.TRAINING);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(use.isDisabled());
        assertTrue(reasonShown(robot).startsWith("Pause training first"), reasonShown(robot));
        assertEquals(reasonShown(robot), status.getText());
        assertTrue(use.getTooltip().getText().startsWith("Pause training first"), use.getTooltip().getText());

        // paused: usable, and the question does not offer to "keep training" what is not training
        robot.interact(() -> window.trainViewModel().pause());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> activity() != Activity.TRAINING && !use.isDisabled());
        assertEquals("", reasonShown(robot));
        assertFalse(status.getText().startsWith("Pause"), status.getText());
        FormRobot.click(robot, "#draw-use");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#confirm-dialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#confirm-dialog").queryAs(DialogPane.class);
        List<String> answers = dialog.getButtonTypes().stream().map(b -> b.getText()).toList();
        assertEquals(List.of("Discard and start over", "Keep this run"), answers);
        Button discard = (Button) dialog.lookupButton(dialog.getButtonTypes().get(0));
        robot.clickOn(discard);

        // it starts over: the Train pane shows the new run training on the drawn data
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> "tab-train".equals(tabs.getSelectionModel().getSelectedItem().getId()));
        String drawn = vm.drawing().toUserData().id();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> activity() == Activity.TRAINING
                && drawn.equals(window.trainViewModel().snapshotProperty().get().config().dataset()));
        robot.interact(() -> window.trainViewModel().pause());
    }
}
