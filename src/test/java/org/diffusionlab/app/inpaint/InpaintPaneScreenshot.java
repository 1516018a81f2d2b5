package org.diffusionlab.app.inpaint;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.beans.value.ChangeListener;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.diffusionlab.app.MainWindow;
import org.diffusionlab.app.testutil.AppScreenshots;
import org.diffusionlab.app.testutil.Snapshots;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Refreshes the screenshots of the Inpaint pane (docs/app-guide.md) with the shipped models: a digit (four fills), a
 * texture patch and a dead-leaves image, each mid-fill (taken on the JavaFX thread the moment the run passes t =
 * T/4, when the fill takes shape) and filled; and a denoised digit. Not part of the normal test run (tag
 * "screenshot"); run it with
 * {@code mvn -o test -Dgroups=screenshot -DexcludedGroups=none -Dtest=InpaintPaneScreenshot}.
 */
@Tag("screenshot")
@ExtendWith(ApplicationExtension.class)
class InpaintPaneScreenshot {

    private final AppScreenshots app = new AppScreenshots();
    private MainWindow window;
    private InpaintViewModel vm;

    @Start
    void start(Stage stage) {
        window = app.start(stage);
        vm = window.inpaintView().viewModel();
    }

    @Stop
    void stop() {
        app.stop();
    }

    private void waitIdle() throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !vm.loadingProperty().get()
                && !vm.runningProperty().get() && vm.imageProperty().get() != null && vm.scaleProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Runs with the mask set by {@code mask}, snapshots the scene mid-run and when done. */
    private void fill(FxRobot robot, String model, long pick, Runnable mask, boolean four, String name) throws Exception {
        robot.interact(() -> vm.modelProperty().set(model));
        waitIdle();
        robot.interact(() -> {
            vm.pickImage(pick);
            mask.run();
            vm.fourFillsProperty().set(four);
        });
        waitIdle();
        AtomicReference<WritableImage> mid = new AtomicReference<>();
        ChangeListener<FillService.Live> grab = (o, a, l) -> {
            if (l != null && mid.get() == null && l.t() <= l.steps() / 4) {
                window.inpaintView().refreshNow();
                mid.set(window.root().getScene().snapshot(null));
            }
        };
        robot.interact(() -> {
            vm.liveProperty().addListener(grab);
            vm.run();
        });
        waitIdle();
        robot.interact(() -> {
            vm.liveProperty().removeListener(grab);
            window.inpaintView().refreshNow();
        });
        assertNotNull(mid.get(), "no frame past T/4 was seen");
        Snapshots.write(mid.get(), AppScreenshots.FOLDER.resolve("inpaint-" + name + "-mid.png"));
        AppScreenshots.writeNonEmpty(window.root().getScene(), "inpaint-" + name + "-filled.png");
    }

    @Test
    void digitTextureAndDeadLeavesMidFillAndFilled(FxRobot robot) throws Exception {
        robot.interact(() -> window.selectTab("tab-inpaint"));
        waitIdle();
        fill(robot, "digits", 3, () -> vm.mask().centreSquare(), true, "digit");
        fill(robot, "texture", 5, () -> vm.mask().centreSquare(), false, "texture");
        fill(robot, "deadleaves", 7, () -> vm.mask().leftHalf(), false, "deadleaves");

        robot.interact(() -> {
            vm.modelProperty().set("digits");
        });
        waitIdle();
        robot.interact(() -> {
            vm.pickImage(3);
            vm.fourFillsProperty().set(false);
            vm.modeProperty().set(Mode.DENOISE);
            vm.sigmaProperty().set(0.4);
        });
        waitIdle();
        robot.interact(vm::run);
        waitIdle();
        robot.interact(() -> window.inpaintView().refreshNow());
        AppScreenshots.write(window.root().getScene(), "inpaint-denoise.png");
    }
}
