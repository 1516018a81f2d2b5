package org.diffusionlab.app.ui;

import java.util.Objects;
import java.util.function.BooleanSupplier;

import javafx.animation.AnimationTimer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * Playing through the diffusion steps of a Trajectory pane: the shown step t (always within 0..T), T itself, whether
 * it plays, the speed in steps per second, whether it loops, and the per-frame timer that moves t. Forward plays from
 * t = 0 up to T, anything else from T down to 0 (noise to data). Lives on the JavaFX application thread.
 */
public final class Playback {

    /** How elapsed time turns into steps. */
    public enum Pacing {
        /**
         * One step whenever a step's time has passed, never more per frame, so every step is seen (a few to tens of
         * steps per second); a stalled frame moves one step, not many.
         */
        EVERY_STEP,
        /**
         * As many steps as the elapsed time is worth, carrying the fraction to the next frame, for speeds above the
         * frame rate (hundreds of steps per second); a stalled frame counts as a second at most.
         */
        CATCH_UP
    }

    /** Calls {@link #tick} once per rendered frame while started: an {@link AnimationTimer}, or a test's own clock. */
    interface FrameTimer {
        void start();

        void stop();
    }

    /**
     * Longest frame CATCH_UP counts, so a stall does not jump far. A whole second: while training shares the cores,
     * frames come only a few times a second, and each must still move the steps it is worth to keep the chosen speed.
     */
    static final double MAX_FRAME_SECONDS = 1.0;

    private final IntegerProperty t = new SimpleIntegerProperty(this, "t", 0);
    private final ReadOnlyIntegerWrapper steps = new ReadOnlyIntegerWrapper(this, "steps", 1);
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    private final DoubleProperty speed;
    private final BooleanProperty loop = new SimpleBooleanProperty(this, "loop", true);
    private final BooleanProperty forward = new SimpleBooleanProperty(this, "forward", false);
    private final Pacing pacing;
    private final BooleanSupplier canPlay;

    private FrameTimer timer;
    private long lastTick;
    private double pendingSteps;

    /**
     * @param speed    the first speed, steps per second
     * @param canPlay  false while there is nothing to play (no frames yet): Play then does nothing
     */
    public Playback(double speed, Pacing pacing, BooleanSupplier canPlay) {
        this(speed, pacing, canPlay, null);
    }

    /** As above, with the frames coming from {@code timer} (null: an AnimationTimer, made at the first Play). */
    Playback(double speed, Pacing pacing, BooleanSupplier canPlay, FrameTimer timer) {
        this.speed = new SimpleDoubleProperty(this, "speed", speed);
        this.pacing = Objects.requireNonNull(pacing);
        this.canPlay = Objects.requireNonNull(canPlay);
        this.timer = timer;
        t.addListener((o, a, b) -> {
            int clamped = clamp(b.intValue());
            if (clamped != b.intValue()) {
                t.set(clamped);
            }
        });
    }

    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    /** Plays from where t is, or from the start when t already is at the end. */
    public void play() {
        if (!canPlay.getAsBoolean()) {
            return;
        }
        if (atEnd()) {
            t.set(startOfPlay());
        }
        playing.set(true);
        lastTick = 0;
        pendingSteps = 0;
        timer().start();
    }

    public void pause() {
        playing.set(false);
        if (timer != null) {
            timer.stop();
        }
    }

    /** Moves t by {@code delta} steps (one for the arrow buttons and keys), within 0..T. */
    public void step(int delta) {
        t.set(clamp(t.get() + delta));
    }

    /** The number of steps T (new frames bring it); t is not moved. */
    public void setSteps(int steps) {
        this.steps.set(steps);
    }

    private int clamp(int value) {
        return Math.max(0, Math.min(steps.get(), value));
    }

    private int playDelta() {
        return forward.get() ? 1 : -1;
    }

    private int startOfPlay() {
        return playDelta() > 0 ? 0 : steps.get();
    }

    private boolean atEnd() {
        return playDelta() > 0 ? t.get() >= steps.get() : t.get() <= 0;
    }

    private FrameTimer timer() {
        if (timer == null) {
            AnimationTimer frames = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    tick(now);
                }
            };
            timer = new FrameTimer() {
                @Override
                public void start() {
                    frames.start();
                }

                @Override
                public void stop() {
                    frames.stop();
                }
            };
        }
        return timer;
    }

    /** One rendered frame at {@code now} nanoseconds: moves t by the steps due, and at the end loops or stops. */
    void tick(long now) {
        int move = stepsDue(now);
        if (move < 1) {
            return;
        }
        if (atEnd()) {
            if (loop.get()) {
                t.set(startOfPlay());
            } else {
                pause();
            }
            return;
        }
        t.set(clamp(t.get() + playDelta() * move));
    }

    /** The steps the time since the last frame is worth (0 on the first frame after Play: it only starts the clock). */
    private int stepsDue(long now) {
        if (lastTick == 0) {
            lastTick = now;
            return 0;
        }
        if (pacing == Pacing.EVERY_STEP) {
            double period = 1e9 / Math.max(0.1, speed.get());
            if (now - lastTick < period) {
                return 0;
            }
            lastTick = now;
            return 1;
        }
        double elapsed = Math.min(MAX_FRAME_SECONDS, (now - lastTick) / 1e9);
        lastTick = now;
        pendingSteps += elapsed * Math.max(1, speed.get());
        int move = (int) pendingSteps;
        pendingSteps -= move;
        return move;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Properties

    public IntegerProperty tProperty() {
        return t;
    }

    public ReadOnlyIntegerProperty stepsProperty() {
        return steps.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** Playback speed, steps per second. */
    public DoubleProperty speedProperty() {
        return speed;
    }

    public BooleanProperty loopProperty() {
        return loop;
    }

    /** True when playing runs t up (the forward process); the panes bind it to their direction. */
    public BooleanProperty forwardProperty() {
        return forward;
    }
}
