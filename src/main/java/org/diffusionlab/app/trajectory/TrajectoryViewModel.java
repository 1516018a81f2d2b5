package org.diffusionlab.app.trajectory;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;

import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.util.Duration;
import org.diffusionlab.app.service.LatestOnlyService;
import org.diffusionlab.app.service.TrainingService;
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
    private final IntegerProperty t = new SimpleIntegerProperty(this, "t", 0);
    private final ReadOnlyIntegerWrapper steps = new ReadOnlyIntegerWrapper(this, "steps", 1);
    private final ObjectProperty<Direction> direction = new SimpleObjectProperty<>(this, "direction", Direction.BOTH);
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 10);
    private final BooleanProperty loop = new SimpleBooleanProperty(this, "loop", true);
    private final StringProperty pointsText = new SimpleStringProperty(this, "points",
            Integer.toString(TrajectoryComputer.DEFAULT_POINTS));
    private final StringProperty seedText = new SimpleStringProperty(this, "seed", "1");
    private final BooleanProperty drift = new SimpleBooleanProperty(this, "drift", false);
    private final BooleanProperty heat = new SimpleBooleanProperty(this, "heat", false);
    private final BooleanProperty paths = new SimpleBooleanProperty(this, "paths", true);
    private final BooleanProperty drawing = new SimpleBooleanProperty(this, "drawing", false);
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper(this, "computing");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Waiting for a model\u2026");
    private final StringBinding pointsError;
    private final StringBinding seedError;
    private final Drawing sketch = new Drawing();

    private boolean active;
    private boolean stale = true;
    private long lastRequest = Long.MIN_VALUE / 2;
    private PauseTransition refreshTimer;
    private AnimationTimer player;
    private long lastTick;

    public TrajectoryViewModel(TrainingService training, Executor executor) {
        this.training = Objects.requireNonNull(training);
        this.service = new LatestOnlyService<>("trajectories", executor, TrajectoryViewModel::computeSafely,
                this::arrived);
        pointsError = Bindings.createStringBinding(() -> parsePoints(pointsText.get()).problem(), pointsText);
        seedError = Bindings.createStringBinding(() -> parseSeed(seedText.get()).problem(), seedText);
        training.snapshotProperty().addListener((o, a, s) -> snapshotChanged());
        t.addListener((o, a, b) -> {
            int clamped = Math.max(0, Math.min(steps.get(), b.intValue()));
            if (clamped != b.intValue()) {
                t.set(clamped);
            }
        });
    }

    // ------------------------------------------------------------------------------------------------------------
    // Parsing

    /** A parsed field: its value, or why it is refused. */
    public record Parsed<T>(T value, String problem) {
        public boolean isValid() {
            return problem.isEmpty();
        }
    }

    public static Parsed<Integer> parsePoints(String text) {
        String s = text == null ? "" : text.strip().replace(",", "").replace("_", "");
        String range = String.format(Locale.ROOT, "a whole number from %,d to %,d", TrajectoryComputer.MIN_POINTS,
                TrajectoryComputer.MAX_POINTS);
        try {
            int n = Integer.parseInt(s);
            if (n < TrajectoryComputer.MIN_POINTS || n > TrajectoryComputer.MAX_POINTS) {
                return new Parsed<>(null, "Points must be " + range + ", got " + text.strip());
            }
            return new Parsed<>(n, "");
        } catch (NumberFormatException e) {
            return new Parsed<>(null, "Points must be " + range + (s.isEmpty() ? "" : ", got " + text.strip()));
        }
    }

    public static Parsed<Long> parseSeed(String text) {
        try {
            return new Parsed<>(Long.parseLong(text == null ? "" : text.strip()), "");
        } catch (NumberFormatException e) {
            return new Parsed<>(null, "The seed must be a whole number"
                    + (text == null || text.isBlank() ? "" : ", got " + text.strip()));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Computing

    /** The pane is shown (compute what is stale) or hidden (stop computing and playing). */
    public void setActive(boolean active) {
        this.active = active;
        if (active && stale) {
            refreshNow();
        }
        if (!active) {
            pause();
        }
    }

    public boolean isActive() {
        return active;
    }

    /** New noise: a fresh seed, shown in the seed field; the trajectories are recomputed. */
    public void newNoise() {
        long current = parseSeed(seedText.get()).isValid() ? parseSeed(seedText.get()).value() : 0;
        long next = new java.util.SplittableRandom(current * 0x9E3779B97F4A7C15L + System.nanoTime()).nextInt(1, 1_000_000);
        seedText.set(Long.toString(next == current ? next + 1 : next));
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

    private void snapshotChanged() {
        stale = true;
        if (!active) {
            return;
        }
        boolean training = this.training.getActivity() == org.diffusionlab.app.service.RunService.Activity.TRAINING;
        long now = System.currentTimeMillis();
        if (!training || now - lastRequest >= REFRESH_MILLIS) {
            refreshNow();
        } else if (refreshTimer == null || refreshTimer.getStatus() != javafx.animation.Animation.Status.RUNNING) {
            if (refreshTimer == null) {
                refreshTimer = new PauseTransition();
                refreshTimer.setOnFinished(e -> {
                    if (stale && active) {
                        refreshNow();
                    }
                });
            }
            refreshTimer.setDuration(Duration.millis(REFRESH_MILLIS - (now - lastRequest)));
            refreshTimer.playFromStart();
        }
    }

    /** Asks for frames of the newest snapshot with the current point count and seed (if both are valid). */
    public void refreshNow() {
        Snapshot s = training.getSnapshot();
        Parsed<Integer> n = parsePoints(pointsText.get());
        Parsed<Long> seed = parseSeed(seedText.get());
        if (s == null || !n.isValid() || !seed.isValid() || !active) {
            return;
        }
        stale = false;
        lastRequest = System.currentTimeMillis();
        computing.set(true);
        status.set("Computing trajectories\u2026");
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
        int oldSteps = steps.get();
        frames.set(f);
        steps.set(f.steps());
        if (oldSteps != f.steps()) {
            t.set(0);       // a new model opens on its data and its samples; Play then runs from the right end
        }
        String reduced = f.points() < f.requestedPoints()
                ? String.format(Locale.ROOT, " (of %,d asked: %,d \u00d7 %d steps is the most kept)", f.requestedPoints(),
                f.points(), f.steps() + 1) : "";
        status.set(String.format(Locale.ROOT, "%,d points%s, seed %d, model at iteration %,d", f.points(), reduced,
                f.seed(), f.iteration()));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Playback

    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    public void play() {
        if (frames.get() == null) {
            return;
        }
        if (atEnd()) {
            t.set(startOfPlay());
        }
        playing.set(true);
        lastTick = 0;
        if (player == null) {
            player = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    tick(now);
                }
            };
        }
        player.start();
    }

    public void pause() {
        playing.set(false);
        if (player != null) {
            player.stop();
        }
    }

    /** One step of t up (+1) or down (-1), within 0..T. */
    public void step(int delta) {
        t.set(Math.max(0, Math.min(steps.get(), t.get() + delta)));
    }

    /** Reverse (and both) play from T down to 0, forward from 0 up to T. */
    private int playDelta() {
        return direction.get() == Direction.FORWARD ? 1 : -1;
    }

    private int startOfPlay() {
        return playDelta() > 0 ? 0 : steps.get();
    }

    private boolean atEnd() {
        return playDelta() > 0 ? t.get() >= steps.get() : t.get() <= 0;
    }

    private void tick(long now) {
        if (lastTick == 0) {
            lastTick = now;
            return;
        }
        double period = 1e9 / Math.max(0.1, speed.get());
        if (now - lastTick < period) {
            return;
        }
        lastTick = now;
        if (atEnd()) {
            if (loop.get()) {
                t.set(startOfPlay());
            } else {
                pause();
            }
            return;
        }
        t.set(t.get() + playDelta());
    }

    /** Stops playing and computing for good. */
    public void shutdown() {
        pause();
        if (refreshTimer != null) {
            refreshTimer.stop();
        }
        service.close();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Properties

    public ReadOnlyObjectProperty<TrajectoryFrames> framesProperty() {
        return frames.getReadOnlyProperty();
    }

    public IntegerProperty tProperty() {
        return t;
    }

    public ReadOnlyIntegerProperty stepsProperty() {
        return steps.getReadOnlyProperty();
    }

    public ObjectProperty<Direction> directionProperty() {
        return direction;
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    public DoubleProperty speedProperty() {
        return speed;
    }

    public BooleanProperty loopProperty() {
        return loop;
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

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public TrainingService training() {
        return training;
    }
}
