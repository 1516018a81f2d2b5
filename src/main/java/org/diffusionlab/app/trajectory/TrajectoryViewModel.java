package org.diffusionlab.app.trajectory;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import org.diffusionlab.data.UserData;
import org.diffusionlab.app.service.LatestOnlyService;
import org.diffusionlab.app.service.RunService;
import org.diffusionlab.app.service.TrainingService;
import org.diffusionlab.app.ui.Parsed;
import org.diffusionlab.app.ui.Playback;
import org.diffusionlab.app.ui.ThrottledRefresh;
import org.diffusionlab.app.ui.TypedNumbers;
import org.diffusionlab.engine.train.Snapshot;

/**
 * The Trajectory pane's state on the FX thread: the selected step t, direction, playback (speed, loop), the point count
 * and seed as typed (each with the reason it is refused), the overlays, and the cached {@link TrajectoryFrames} of the
 * newest snapshot. Frames are computed by a {@link LatestOnlyService} off the UI thread, at most once every
 * {@link #REFRESH_MILLIS} while training runs, and only while the pane is active (shown); scrubbing and playing only
 * read the cache.
 */
public final class TrajectoryViewModel {

    /** Least time between two recomputations while training runs. */
    public static final long REFRESH_MILLIS = 1500;
    /** Playback speeds offered, steps per second. */
    public static final java.util.List<Double> SPEEDS = java.util.List.of(2.0, 5.0, 10.0, 20.0, 40.0);

    private final TrainingService training;
    private final LatestOnlyService<TrajectoryComputer.Request, Outcome> service;

    /** The frames of a request, or why they could not be computed. */
    private record Outcome(TrajectoryFrames frames, String error) {
    }

    private final ReadOnlyObjectWrapper<TrajectoryFrames> frames = new ReadOnlyObjectWrapper<>(this, "frames");
    private final ObjectProperty<Direction> direction = new SimpleObjectProperty<>(this, "direction", Direction.BOTH);
    // a few steps per second: every step is seen
    private final Playback playback = new Playback(10, Playback.Pacing.CATCH_UP, () -> frames.get() != null);
    private final ThrottledRefresh refresh = new ThrottledRefresh(REFRESH_MILLIS, this::refreshNow);
    private final StringProperty pointsText = new SimpleStringProperty(this, "points",
            Integer.toString(TrajectoryComputer.DEFAULT_POINTS));
    private final StringProperty seedText = new SimpleStringProperty(this, "seed", "1");
    private final BooleanProperty drift = new SimpleBooleanProperty(this, "drift", false);
    private final BooleanProperty heat = new SimpleBooleanProperty(this, "heat", false);
    private final BooleanProperty ellipses = new SimpleBooleanProperty(this, "ellipses", false);
    private final BooleanProperty paths = new SimpleBooleanProperty(this, "paths", true);
    private final BooleanProperty drawing = new SimpleBooleanProperty(this, "drawing", false);
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper(this, "computing");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Waiting for a model\u2026");
    private final StringBinding pointsError;
    private final StringBinding seedError;
    private final Drawing sketch = new Drawing();

    public TrajectoryViewModel(TrainingService training, Executor executor) {
        this.training = Objects.requireNonNull(training);
        this.service = new LatestOnlyService<>("trajectories", executor, TrajectoryViewModel::computeSafely,
                this::arrived);
        pointsError = Bindings.createStringBinding(() -> parsePoints(pointsText.get()).problem(), pointsText);
        seedError = Bindings.createStringBinding(() -> parseSeed(seedText.get()).problem(), seedText);
        training.snapshotProperty().addListener((o, a, s) -> snapshotChanged());
        playback.forwardProperty().bind(direction.isEqualTo(Direction.FORWARD));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Parsing

    public static Parsed<Integer> parsePoints(String text) {
        return TypedNumbers.wholeNumber(text, "Points", TrajectoryComputer.MIN_POINTS, TrajectoryComputer.MAX_POINTS);
    }

    public static Parsed<Long> parseSeed(String text) {
        return TypedNumbers.seed(text);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Computing

    /** The pane is shown (compute what is stale) or hidden (stop computing and playing). */
    public void setActive(boolean active) {
        refresh.setActive(active);
        if (!active) {
            pause();
        }
    }

    public boolean isActive() {
        return refresh.isActive();
    }

    /** New noise: a fresh seed, shown in the seed field; the trajectories are recomputed. */
    public void newNoise() {
        seedText.set(Long.toString(TypedNumbers.nextSeed(seedText.get())));
        refreshNow();
    }

    /**
     * The point count or seed was committed (Enter, or the field lost the keyboard): recompute if both are valid and
     * differ from the frames shown.
     */
    public void commitInputs() {
        Parsed<Integer> n = parsePoints(pointsText.get());
        Parsed<Long> seed = parseSeed(seedText.get());
        TrajectoryFrames f = frames.get();
        if (n.isValid() && seed.isValid()
                && (f == null || f.requestedPoints() != n.value() || f.seed() != seed.value())) {
            refreshNow();
        }
    }

    /** New snapshots come many times a second while training runs: those are throttled, a loaded model is not. */
    private void snapshotChanged() {
        refresh.changed(training.getActivity() == RunService.Activity.TRAINING);
    }

    /** Asks for frames of the newest snapshot with the current point count and seed (if both are valid). */
    public void refreshNow() {
        Snapshot s = training.getSnapshot();
        Parsed<Integer> n = parsePoints(pointsText.get());
        Parsed<Long> seed = parseSeed(seedText.get());
        if (s == null || !n.isValid() || !seed.isValid() || !refresh.isActive()) {
            return;
        }
        refresh.requested();
        computing.set(true);
        if (frames.get() == null) {
            status.set("Computing trajectories\u2026");
        }       // else the frames shown stay described (the spinner says newer ones are coming): training asks often
        service.submit(new TrajectoryComputer.Request(s, n.value(), seed.value()));
    }

    private static Outcome computeSafely(TrajectoryComputer.Request r) {
        try {
            return new Outcome(TrajectoryComputer.compute(r), null);
        } catch (RuntimeException | OutOfMemoryError e) {
            return new Outcome(null, e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    private void arrived(Outcome o) {
        computing.set(service.isBusy());
        if (o.error() != null) {
            status.set("Cannot compute the trajectories: " + o.error());
            return;
        }
        TrajectoryFrames f = o.frames();
        int oldSteps = playback.stepsProperty().get();
        frames.set(f);
        playback.setSteps(f.steps());
        if (oldSteps != f.steps()) {
            playback.tProperty().set(0);       // a new model opens on its data and its samples; Play then runs from the right end
        }
        String reduced = f.points() < f.requestedPoints()
                ? String.format(Locale.ROOT, " (of %,d asked: %,d \u00d7 %d steps is the most kept)", f.requestedPoints(),
                f.points(), f.steps() + 1) : "";
        status.set(String.format(Locale.ROOT, "%,d points%s, seed %d, model at iteration %,d%s", f.points(), reduced,
                f.seed(), f.iteration(), training.getActivity() == RunService.Activity.TRAINING
                        ? " (follows training)" : ""));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Playback

    public void togglePlay() {
        playback.togglePlay();
    }

    public void play() {
        playback.play();
    }

    public void pause() {
        playback.pause();
    }

    /** One step of t up (+1) or down (-1), within 0..T. */
    public void step(int delta) {
        playback.step(delta);
    }

    /** Stops playing and computing for good. */
    public void shutdown() {
        pause();
        refresh.cancel();
        service.close();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Properties

    public ReadOnlyObjectProperty<TrajectoryFrames> framesProperty() {
        return frames.getReadOnlyProperty();
    }

    /** t, T, playing, speed and loop. */
    public Playback playback() {
        return playback;
    }

    public IntegerProperty tProperty() {
        return playback.tProperty();
    }

    public ReadOnlyIntegerProperty stepsProperty() {
        return playback.stepsProperty();
    }

    public ObjectProperty<Direction> directionProperty() {
        return direction;
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playback.playingProperty();
    }

    public DoubleProperty speedProperty() {
        return playback.speedProperty();
    }

    public BooleanProperty loopProperty() {
        return playback.loopProperty();
    }

    public StringProperty pointsProperty() {
        return pointsText;
    }

    public StringProperty seedProperty() {
        return seedText;
    }

    public ObservableStringValue pointsError() {
        return pointsError;
    }

    public ObservableStringValue seedError() {
        return seedError;
    }

    public BooleanProperty driftProperty() {
        return drift;
    }

    public BooleanProperty heatProperty() {
        return heat;
    }

    /** Whether the reverse kernel's covariance is drawn as ellipses on the grid. */
    public BooleanProperty ellipsesProperty() {
        return ellipses;
    }

    public BooleanProperty pathsProperty() {
        return paths;
    }

    /** True while the large view is a drawing canvas for the user's own data. */
    public BooleanProperty drawingProperty() {
        return drawing;
    }

    public Drawing drawing() {
        return sketch;
    }

    public ReadOnlyBooleanProperty computingProperty() {
        return computing.getReadOnlyProperty();
    }

    /**
     * Why "Train on this data" cannot be used now, or "" when it can: too few points drawn, or training under way
     * ({@code canUseData} false: a new data set needs a new run, which would stop it).
     */
    public javafx.beans.binding.StringBinding useDrawingBlockedReason(
            javafx.beans.value.ObservableBooleanValue canUseData) {
        return javafx.beans.binding.Bindings.createStringBinding(() -> {
            int n = sketch.pointsProperty().get();
            if (n < UserData.MIN_POINTS) {
                return String.format(Locale.ROOT, "Draw at least %d points to train on them (%d so far).",
                        UserData.MIN_POINTS, n);
            }
            return canUseData.get() ? "" : "Pause training first: training on your data starts a new run.";
        }, sketch.pointsProperty(), canUseData);
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public TrainingService training() {
        return training;
    }
}
