package org.diffusionlab.app.lesson;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.stage.Stage;
import org.diffusionlab.app.schedule.ScheduleDrags;
import org.diffusionlab.app.testutil.AppScreenshots;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Refreshes the screenshots of two lessons (assets/screenshots/lesson-*.png): the reverse process with its drift
 * arrows, and the schedule lesson after a drag. Not part of the normal test run (tag "screenshot"); run it with
 * {@code mvn -o test -Dgroups=screenshot -DexcludedGroups=none -Dtest=LessonScreenshots}.
 */
@Tag("screenshot")
@ExtendWith(ApplicationExtension.class)
class LessonScreenshots {

    private final AppScreenshots app = new AppScreenshots();

    @Start
    void start(Stage stage) {
        app.start(stage);
    }

    @Stop
    void stop() {
        app.stop();
    }

    private LessonSession startLesson(FxRobot robot, String stem) throws Exception {
        AppScreenshots.startWhenReady(robot);
        AppScreenshots.fireMenuItem(robot, "menu-lesson-" + stem);
        LessonSession session = app.window().lessons().session();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> session.lessonProperty().get() != null
                && !session.preparingProperty().get());
        return session;
    }

    @Test
    void theReverseProcessLessonWithItsDriftArrows(FxRobot robot) throws Exception {
        LessonSession session = startLesson(robot, "02-reverse");
        var vm = app.window().trajectoryView().viewModel();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.framesProperty().get() != null);
        robot.clickOn("#lesson-next");          // Next is off until played: play first
        robot.clickOn("#play");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> session.canGoNextProperty().get());
        robot.clickOn("#play");
        robot.clickOn("#lesson-next");
        robot.clickOn("#show-drift");
        robot.interact(() -> vm.tProperty().set(3));
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(500);
        AppScreenshots.assertNotEmpty(AppScreenshots.write(robot.lookup("#lesson-panel").query().getScene(),
                "lesson-reverse.png"));
    }

    @Test
    void theScheduleLessonAfterADrag(FxRobot robot) throws Exception {
        LessonSession session = startLesson(robot, "04-schedule");
        var vm = app.window().scheduleView().viewModel();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.boundsProperty().get() != null && !vm.isBusy());
        robot.clickOn("#lesson-choice-0");
        robot.clickOn("#lesson-next");
        ScheduleDrags.drag(robot, app.window().scheduleView(), 5, 30);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> session.canGoNextProperty().get() && !vm.isBusy());
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        Path png = AppScreenshots.write(robot.lookup("#lesson-panel").query().getScene(), "lesson-schedule.png");
        AppScreenshots.assertNotEmpty(png);
    }
}
