package org.diffusionlab.app.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.diffusionlab.app.DiffusionLabApp;
import org.diffusionlab.app.MainWindow;
import org.diffusionlab.app.testutil.FormRobot;
import org.diffusionlab.app.testutil.Tabs;
import org.diffusionlab.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** Fine-tuning trains the number of iterations typed beside its button, shows its progress, and names its schedule. */
@ExtendWith(ApplicationExtension.class)
class FineTuneBudgetTest {

    private MainWindow window;
    private ScheduleViewModel vm;

    @Start
    void start(Stage stage) {
        DiffusionLabApp app = new DiffusionLabApp();
        app.start(stage);
        window = app.window();
        vm = window.scheduleView().viewModel();
    }

    @Stop
    void stop() {
        window.dispose();
    }

    @Test
    void fineTuneStopsOnItsBudgetAndTheTrainPaneNamesTheSchedule(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !start.isDisabled());
        robot.interact(() -> Tabs.select(robot, "tab-schedule"));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.boundsProperty().get() != null && !vm.isBusy());
        assertEquals(Integer.toString(ScheduleViewModel.DEFAULT_FINE_TUNE_ITERATIONS),
                robot.lookup("#schedule-fine-tune-iterations").queryTextInputControl().getText());

        FormRobot.retype(robot, "#schedule-fine-tune-iterations", "6");
        FormRobot.click(robot, "#schedule-fine-tune");
        assertTrue(vm.fineTuningProperty().get());
        assertTrue(robot.lookup("#schedule-fine-tune-progress").query().isVisible(), "its progress shows");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !vm.fineTuningProperty().get());
        var s = window.trainViewModel().snapshotProperty().get();
        assertEquals(6, s.iteration(), "it stops on its budget");
        assertTrue(robot.lookup("#schedule-message").queryLabeled().getText().contains("iteration 6"),
                robot.lookup("#schedule-message").queryLabeled().getText());

        robot.interact(() -> Tabs.select(robot, "tab-train"));
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ComboBox<String> schedule = robot.lookup("#schedule").queryAs(ComboBox.class);
        assertEquals(TrainingConfig.CUSTOM, schedule.getValue());
        assertEquals("custom (from the Schedule pane)", schedule.getButtonCell().getText(),
                "the Train pane's Schedule list is not blank");
    }
}
