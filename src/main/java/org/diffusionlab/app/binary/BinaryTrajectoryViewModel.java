package org.diffusionlab.app.binary;

import java.util.Arrays;
import java.util.List;
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
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import org.diffusionlab.app.service.LatestOnlyService;
import org.diffusionlab.app.trajectory.Direction;
import org.diffusionlab.app.ui.Parsed;
import org.diffusionlab.app.ui.Playback;
import org.diffusionlab.app.ui.ThrottledRefresh;
import org.diffusionlab.app.ui.TypedNumbers;
import org.diffusionlab.data.Heartbeat;
import org.diffusionlab.engine.binomial.BinomialSnapshot;

/**
 * The binary Trajectory pane's state on the FX thread: the step t, direction, playback (speed in steps per second,
 * loop), the row count and seed as typed (each with the reason it is refused), the fixed bins, and the cached
 * {@link BinaryFrames} of the newest snapshot with the fraction of correct samples at t and at t = 0. Frames are
 * computed by a {@link LatestOnlyService} off the UI thread, at most once every {@link #REFRESH_MILLIS} as snapshots
 * arrive, and only while the pane is active; scrubbing and playing only read the cache.
 */
public final class BinaryTrajectoryViewModel {

    /** Least time between two recomputations caused by new snapshots. */
    public static final long REFRESH_MILLIS = 1500;
    /** Playback speeds offered, steps per second (T = 2000: 2 s to 40 s for the whole process). */
    public static final List<Double> SPEEDS = List.of(50.0, 100.0, 200.0, 500.0, 1000.0);
    /** Shown before any model exists. */
    public static final String EMPTY_MESSAGE =
            "Train a heartbeat model on the Train pane, or open the example heartbeat model";

    /** The frames of a request, or why they could not be computed. */
    private record Outcome(BinaryComputer.Request request, BinaryFrames frames, String error, boolean unsatisfiable) {
    }

    private final ObservableValue<BinomialSnapshot> source;
    private final LatestOnlyService<BinaryComputer.Request, Outcome> service;

    private final ReadOnlyObjectWrapper<BinaryFrames> frames = new ReadOnlyObjectWrapper<>(this, "frames");
    private final ObjectProperty<Direction> direction = new SimpleObjectProperty<>(this, "direction", Direction.BOTH);
    // hundreds of steps per second: many steps a frame
    private final Playback playback = new Playback(200, Playback.Pacing.CATCH_UP, () -> frames.get() != null);
    private final ThrottledRefresh refresh = new ThrottledRefresh(REFRESH_MILLIS, this::refreshNow);
    private final StringProperty rowsText = new SimpleStringProperty(this, "rows",
            Integer.toString(BinaryComputer.DEFAULT_ROWS));
    private final StringProperty seedText = new SimpleStringProperty(this, "seed", "1");
    private final ReadOnlyObjectWrapper<int[]> fixed = new ReadOnlyObjectWrapper<>(this, "fixed", free());
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper(this, "computing");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", EMPTY_MESSAGE);
    private final ReadOnlyIntegerWrapper correct = new ReadOnlyIntegerWrapper(this, "correct", 0);
    private final ReadOnlyDoubleWrapper fractionCorrect = new ReadOnlyDoubleWrapper(this, "fractionCorrect", Double.NaN);
    private final ReadOnlyIntegerWrapper finalCorrect = new ReadOnlyIntegerWrapper(this, "finalCorrect", 0);
    private final ReadOnlyDoubleWrapper finalFractionCorrect = new ReadOnlyDoubleWrapper(this, "finalFractionCorrect",
            Double.NaN);
    private final StringBinding rowsError;
    private final StringBinding seedError;

    public BinaryTrajectoryViewModel(ObservableValue<BinomialSnapshot> source, Executor worker) {
        this.source = Objects.requireNonNull(source);
        this.service = new LatestOnlyService<>("binary trajectories", worker, BinaryTrajectoryViewModel::computeSafely,
                this::arrived);
        rowsError = Bindings.createStringBinding(() -> parseRows(rowsText.get()).problem(), rowsText);
        seedError = Bindings.createStringBinding(() -> parseSeed(seedText.get()).problem(), seedText);
        source.addListener((o, a, s) -> snapshotChanged());
        playback.forwardProperty().bind(direction.isEqualTo(Direction.FORWARD));
        playback.tProperty().addListener((o, a, b) -> updateCorrect());
    }

    private static int[] free() {
        int[] f = new int[Heartbeat.LENGTH];
        Arrays.fill(f, -1);
        return f;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Parsing

    public static Parsed<Integer> parseRows(String text) {
        return TypedNumbers.wholeNumber(text, "Rows", BinaryComputer.MIN_ROWS, BinaryComputer.MAX_ROWS);
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

    /** The row count or seed was committed (Enter, or the field lost the keyboard): recompute if both are valid and new. */
    public void commitInputs() {
        Parsed<Integer> n = parseRows(rowsText.get());
        Parsed<Long> seed = parseSeed(seedText.get());
        BinaryFrames f = frames.get();
        if (n.isValid() && seed.isValid() && (f == null || f.rows() != n.value() || f.seed() != seed.value())) {
            refreshNow();
        }
    }

    private void snapshotChanged() {
        if (source.getValue() == null) {
            refresh.cancel();
            service.clearWaiting();
            pause();
            frames.set(null);
            updateCorrect();
            status.set(EMPTY_MESSAGE);
            return;
        }
        refresh.changed(true);
    }

    /** Asks for frames of the newest snapshot with the current rows, seed and fixed bins (if the fields are valid). */
    public void refreshNow() {
        BinomialSnapshot s = source.getValue();
        Parsed<Integer> n = parseRows(rowsText.get());
        Parsed<Long> seed = parseSeed(seedText.get());
        if (s == null || !n.isValid() || !seed.isValid() || !refresh.isActive()) {
            return;
        }
        refresh.requested();
        computing.set(true);
        status.set("Computing trajectories\u2026");
        service.submit(new BinaryComputer.Request(s, n.value(), seed.value(), fixed.get()));
    }

    private static Outcome computeSafely(BinaryComputer.Request r) {
        try {
            return new Outcome(r, BinaryComputer.compute(r), null, false);
        } catch (BinaryComputer.UnsatisfiableException e) {
            return new Outcome(r, null, e.getMessage(), true);
        } catch (RuntimeException | OutOfMemoryError e) {
            return new Outcome(r, null, e.getMessage() != null ? e.getMessage() : e.toString(), false);
        }
    }

    private void arrived(Outcome o) {
        computing.set(service.isBusy());
        if (source.getValue() == null) {
            return;     // the model went away while this ran
        }
        if (o.unsatisfiable()) {
            status.set("Cannot sample with " + describe(o.request().fixed()) + " fixed: the model never produces "
                    + "that combination (" + o.error() + "). Change or clear the fixed bins; the rows shown are the "
                    + "last that could be drawn.");
            return;
        }
        if (o.error() != null) {
            status.set("Cannot compute the trajectories: " + o.error());
            return;
        }
        BinaryFrames f = o.frames();
        boolean first = frames.get() == null;
        int oldSteps = playback.stepsProperty().get();
        frames.set(f);
        playback.setSteps(f.steps());
        if (first || oldSteps != f.steps()) {
            playback.tProperty().set(0);       // a new model opens on its data and its samples; Play then runs from the right end
        }
        updateCorrect();
        status.set(String.format(Locale.ROOT, "%d rows, seed %d, %s, model at iteration %,d (reverse process %.2f s)",
                f.rows(), f.seed(), f.anyFixed() ? describe(f.fixed()) + " fixed" : "no bins fixed", f.iteration(),
                f.reverseSeconds()));
    }

    /** "bins 3 = 1, 8 = 0" (1-based, as the pane numbers them). */
    static String describe(int[] fixed) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (int i = 0; i < fixed.length; i++) {
            if (fixed[i] != -1) {
                b.append(n++ == 0 ? "" : ", ").append(i + 1).append(" = ").append(fixed[i]);
            }
        }
        return (n == 1 ? "bin " : "bins ") + b;
    }

    private void updateCorrect() {
        BinaryFrames f = frames.get();
        if (f == null) {
            correct.set(0);
            fractionCorrect.set(Double.NaN);
            finalCorrect.set(0);
            finalFractionCorrect.set(Double.NaN);
            return;
        }
        int at = Math.max(0, Math.min(f.steps(), playback.tProperty().get()));
        correct.set(f.correctAt(at));
        fractionCorrect.set(f.fractionCorrectAt(at));
        finalCorrect.set(f.correctAt(0));
        finalFractionCorrect.set(f.fractionCorrectAt(0));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Fixed bins

    /** The fixed bins now (a copy): -1 free, 0 or 1 fixed. */
    public int[] fixedBins() {
        return fixed.get().clone();
    }

    /** The fixed bins as an observable value (a new array at every change; do not modify it). */
    public ReadOnlyObjectProperty<int[]> fixedBinsProperty() {
        return fixed.getReadOnlyProperty();
    }

    /** Cycles one bin free \u2192 1 \u2192 0 \u2192 free and re-samples the reverse rows. */
    public void cycleBin(int bin) {
        int v = fixed.get()[bin];
        setBin(bin, v == -1 ? 1 : v == 1 ? 0 : -1);
    }

    /** Fixes a bin to 0 or 1, or frees it (-1), and re-samples the reverse rows. */
    public void setBin(int bin, int value) {
        if (value < -1 || value > 1) {
            throw new IllegalArgumentException("a bin is -1 (free), 0 or 1, got " + value);
        }
        int[] next = fixed.get().clone();
        if (next[bin] == value) {
            return;
        }
        next[bin] = value;
        fixed.set(next);
        refreshNow();
    }

    /** Frees every bin and re-samples the reverse rows. */
    public void clearFixed() {
        if (Arrays.stream(fixed.get()).allMatch(v -> v == -1)) {
            return;
        }
        fixed.set(free());
        refreshNow();
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

    /** Moves t by {@code delta} steps (one step for the arrow buttons and keys), within 0..T. */
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

    public ObservableValue<BinomialSnapshot> source() {
        return source;
    }

    public ReadOnlyObjectProperty<BinaryFrames> framesProperty() {
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

    /** Playback speed, steps per second. */
    public DoubleProperty speedProperty() {
        return playback.speedProperty();
    }

    public BooleanProperty loopProperty() {
        return playback.loopProperty();
    }

    /** The row count as typed. */
    public StringProperty rowsProperty() {
        return rowsText;
    }

    public StringProperty seedProperty() {
        return seedText;
    }

    /** Why the typed row count is refused, or empty. */
    public ObservableStringValue rowsError() {
        return rowsError;
    }

    public ObservableStringValue seedError() {
        return seedError;
    }

    public ReadOnlyBooleanProperty computingProperty() {
        return computing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Reverse rows at the shown t that are true heartbeats (agreeing with the fixed bins, if any). */
    public ReadOnlyIntegerProperty correctProperty() {
        return correct.getReadOnlyProperty();
    }

    /** {@link #correctProperty()} as a fraction of the rows (NaN before frames exist). */
    public ReadOnlyDoubleProperty fractionCorrectProperty() {
        return fractionCorrect.getReadOnlyProperty();
    }

    /** The same at t = 0: the samples' final count. */
    public ReadOnlyIntegerProperty finalCorrectProperty() {
        return finalCorrect.getReadOnlyProperty();
    }

    /** The samples' final fraction correct (t = 0). */
    public ReadOnlyDoubleProperty finalFractionCorrectProperty() {
        return finalFractionCorrect.getReadOnlyProperty();
    }
}
