package org.diffusionlab.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import javafx.scene.Node;
import org.diffusionlab.app.binary.BinaryTrajectoryViewModel;
import org.diffusionlab.app.inpaint.InpaintViewModel;
import org.diffusionlab.app.lesson.LessonFile;
import org.diffusionlab.app.lesson.LessonHost;
import org.diffusionlab.app.schedule.ScheduleViewModel;
import org.diffusionlab.app.train.BinomialTrainViewModel;
import org.diffusionlab.app.train.TrainViewModel;
import org.diffusionlab.app.trajectory.TrajectoryViewModel;
import org.diffusionlab.engine.train.TrainingConfig;

/** The lesson engine's view of the main window: its tabs, example models, view models and controls. */
final class MainWindowLessonHost implements LessonHost {

    private final MainWindow window;

    MainWindowLessonHost(MainWindow window) {
        this.window = Objects.requireNonNull(window);
    }

    @Override
    public void showPane(String pane) {
        window.selectTab("tab-" + pane);
    }

    @Override
    public void openExample(String model, Runnable whenReady) {
        switch (model) {
            case "swissroll" -> {
                if (!window.openExampleThen(() -> {
                    window.setExperiment(MainWindow.Experiment.POINTS);
                    whenReady.run();
                })) {
                    whenReady.run();
                }
            }
            case "new-swissroll" -> {
                TrainViewModel vm = window.trainViewModel();
                if (!vm.hasProgress() || window.confirm("Start a fresh swiss-roll run for this lesson? The current "
                        + "training (unless saved) is discarded.")) {
                    vm.newRun(TrainingConfig.defaults());
                }
                window.setExperiment(MainWindow.Experiment.POINTS);
                whenReady.run();
            }
            case "heartbeat" -> {
                if (!window.openExampleHeartbeatThen(whenReady)) {
                    window.setExperiment(MainWindow.Experiment.HEARTBEAT);
                    whenReady.run();
                }
            }
            default -> {            // an image model of the Inpaint pane
                window.selectTab("tab-inpaint");
                inpaint().modelProperty().set(model);
                whenReady.run();
            }
        }
    }

    @Override
    public Node control(String id) {
        // every view, shown or not: the panes of the experiment not shown are out of the scene
        for (Node view : List.<Node>of(window.root(), window.trainView(), window.binaryTrainView(),
                window.trajectoryView(), window.binaryTrajectoryView(), window.scheduleView(), window.inpaintView())) {
            Node found = find(view, id);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * Finds a node by id, also inside scroll and titled panes whose skins are not built yet (Node.lookup sees only
     * the children a skin has made).
     */
    private static Node find(Node node, String id) {
        if (id.equals(node.getId())) {
            return node;
        }
        List<Node> inside = new java.util.ArrayList<>();
        if (node instanceof javafx.scene.control.ScrollPane scroll && scroll.getContent() != null) {
            inside.add(scroll.getContent());
        } else if (node instanceof javafx.scene.control.TitledPane titled && titled.getContent() != null) {
            inside.add(titled.getContent());
        } else if (node instanceof javafx.scene.control.TabPane tabs) {
            tabs.getTabs().stream().map(javafx.scene.control.Tab::getContent).filter(Objects::nonNull)
                    .forEach(inside::add);
        } else if (node instanceof javafx.scene.Parent parent) {
            inside.addAll(parent.getChildrenUnmodifiable());
        }
        for (Node child : inside) {
            Node found = find(child, id);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    @Override
    public void showError(String message) {
        window.showError(message);
    }

    @Override
    public Path chooseLessonFile() {
        return window.fileDialogs().open("Open lesson", "DiffusionLab lessons", LessonFile.EXTENSION);
    }

    @Override
    public TrainViewModel train() {
        return window.trainViewModel();
    }

    @Override
    public BinomialTrainViewModel heartbeatTrain() {
        return window.binaryTrainViewModel();
    }

    @Override
    public TrajectoryViewModel trajectory() {
        return window.trajectoryView().viewModel();
    }

    @Override
    public BinaryTrajectoryViewModel heartbeatTrajectory() {
        return window.binaryTrajectoryView().viewModel();
    }

    @Override
    public ScheduleViewModel schedule() {
        return window.scheduleView().viewModel();
    }

    @Override
    public InpaintViewModel inpaint() {
        return window.inpaintView().viewModel();
    }
}
