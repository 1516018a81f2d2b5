package org.diffusionlab.app.lesson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javafx.scene.Node;
import javafx.scene.control.Button;
import org.diffusionlab.app.binary.BinaryTrajectoryViewModel;
import org.diffusionlab.app.inpaint.InpaintViewModel;
import org.diffusionlab.app.schedule.ScheduleViewModel;
import org.diffusionlab.app.service.TrainingService;
import org.diffusionlab.app.train.BinomialTrainViewModel;
import org.diffusionlab.app.train.TrainViewModel;
import org.diffusionlab.app.trajectory.TrajectoryViewModel;

/**
 * A host without a window: a few controls by id, a record of the panes and models asked for, and a Trajectory view
 * model of its own (the other view models are not needed by the engine tests and are refused).
 */
final class FakeLessonHost implements LessonHost {

    final Map<String, Node> controls = new HashMap<>();
    final List<String> panes = new ArrayList<>();
    final List<String> models = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    /** Models open at once unless a test holds them (then it runs the callbacks itself). */
    boolean holdModels;
    final List<Runnable> heldModels = new ArrayList<>();
    private TrajectoryViewModel trajectory;

    static {
        // controls need the toolkit (headless Monocle in the tests); the nodes are never shown
        try {
            javafx.application.Platform.startup(() -> { });
        } catch (IllegalStateException alreadyStarted) {
            // started by another test in this JVM
        }
    }

    FakeLessonHost(String... controlIds) {
        for (String id : controlIds) {
            Button b = new Button(id);
            b.setId(id);
            controls.put(id, b);
        }
    }

    @Override
    public void showPane(String pane) {
        panes.add(pane);
    }

    @Override
    public void openExample(String model, Runnable whenReady) {
        models.add(model);
        if (holdModels) {
            heldModels.add(whenReady);
        } else {
            whenReady.run();
        }
    }

    /** Every id names a control (for checking lessons' format without the app's panes). */
    boolean anyControl;

    @Override
    public Node control(String id) {
        if (anyControl && !controls.containsKey(id)) {
            Button b = new Button(id);
            b.setId(id);
            controls.put(id, b);
        }
        return controls.get(id);
    }

    @Override
    public void showError(String message) {
        errors.add(message);
    }

    @Override
    public Path chooseLessonFile() {
        return null;
    }

    @Override
    public TrajectoryViewModel trajectory() {
        if (trajectory == null) {
            trajectory = new TrajectoryViewModel(new TrainingService(), Runnable::run);
        }
        return trajectory;
    }

    @Override
    public TrainViewModel train() {
        throw new UnsupportedOperationException("not in the fake host");
    }

    @Override
    public BinomialTrainViewModel heartbeatTrain() {
        throw new UnsupportedOperationException("not in the fake host");
    }

    @Override
    public BinaryTrajectoryViewModel heartbeatTrajectory() {
        throw new UnsupportedOperationException("not in the fake host");
    }

    @Override
    public ScheduleViewModel schedule() {
        throw new UnsupportedOperationException("not in the fake host");
    }

    @Override
    public InpaintViewModel inpaint() {
        throw new UnsupportedOperationException("not in the fake host");
    }
}
