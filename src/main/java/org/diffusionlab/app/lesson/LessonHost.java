package org.diffusionlab.app.lesson;

import java.nio.file.Path;

import javafx.scene.Node;
import org.diffusionlab.app.binary.BinaryTrajectoryViewModel;
import org.diffusionlab.app.inpaint.InpaintViewModel;
import org.diffusionlab.app.schedule.ScheduleViewModel;
import org.diffusionlab.app.train.BinomialTrainViewModel;
import org.diffusionlab.app.train.TrainViewModel;
import org.diffusionlab.app.trajectory.TrajectoryViewModel;

/**
 * What a lesson may do to the app: show a pane, open a shipped example, read and set the panes' view models, and find
 * a control by its node id (only to hide or highlight it). The main window implements it through a thin adapter;
 * tests use a fake. Every method is called on the JavaFX application thread.
 */
public interface LessonHost {

    /** Shows one of {@link LessonVocabulary#PANES}. */
    void showPane(String pane);

    /**
     * Opens one of {@link LessonVocabulary#MODELS}; {@code whenReady} runs once it shows (at once if the student
     * chose to keep their own unsaved run instead).
     */
    void openExample(String model, Runnable whenReady);

    /** The control with this node id in any pane (shown or not), or null if there is none. */
    Node control(String id);

    /** Shows an error the student must read (e.g. a lesson file that cannot be loaded). */
    void showError(String message);

    /** Asks for a lesson file to open; null if cancelled. */
    Path chooseLessonFile();

    TrainViewModel train();

    BinomialTrainViewModel heartbeatTrain();

    TrajectoryViewModel trajectory();

    BinaryTrajectoryViewModel heartbeatTrajectory();

    ScheduleViewModel schedule();

    InpaintViewModel inpaint();
}
