package org.diffusionlab.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Playback without a toolkit: the test calls {@link Playback#tick} itself with made-up frame times. */
class PlaybackTest {

    private static final long MS = 1_000_000L;

    /** Stands in for the AnimationTimer: counts starts and stops. */
    private static final class Frames implements Playback.FrameTimer {
        boolean running;
        int starts;

        @Override
        public void start() {
            running = true;
            starts++;
        }

        @Override
        public void stop() {
            running = false;
        }
    }

    private final Frames frames = new Frames();
    private boolean hasFrames = true;

    private Playback playback(double speed, Playback.Pacing pacing, int steps) {
        Playback p = new Playback(speed, pacing, () -> hasFrames, frames);
        p.setSteps(steps);
        return p;
    }

    @Test
    void tIsKeptWithinZeroToT() {
        Playback p = playback(10, Playback.Pacing.EVERY_STEP, 40);
        p.tProperty().set(55);
        assertEquals(40, p.tProperty().get());
        p.tProperty().set(-3);
        assertEquals(0, p.tProperty().get());
        p.step(-1);
        assertEquals(0, p.tProperty().get());
        p.step(5);
        assertEquals(5, p.tProperty().get());
        p.step(100);
        assertEquals(40, p.tProperty().get());
    }

    @Test
    void nothingPlaysWithoutFrames() {
        hasFrames = false;
        Playback p = playback(10, Playback.Pacing.EVERY_STEP, 40);
        p.togglePlay();
        assertFalse(p.playingProperty().get());
        assertEquals(0, frames.starts);
    }

    @Test
    void reversePlaysFromTDownAndRestartsFromTAtTheEnd() {
        Playback p = playback(10, Playback.Pacing.EVERY_STEP, 40);
        p.tProperty().set(0);
        p.togglePlay();                     // at the end of a reverse play: starts again from T
        assertTrue(p.playingProperty().get());
        assertTrue(frames.running);
        assertEquals(40, p.tProperty().get());
        p.tick(1000 * MS);                  // the first frame only starts the clock
        assertEquals(40, p.tProperty().get());
        p.tick(1050 * MS);                  // half a step's time (10 steps/s: 100 ms a step)
        assertEquals(40, p.tProperty().get());
        p.tick(1100 * MS);
        assertEquals(39, p.tProperty().get());
        p.togglePlay();
        assertFalse(p.playingProperty().get());
        assertFalse(frames.running);
    }

    @Test
    void forwardPlaysUpAndLoopsOrStopsAtT() {
        Playback p = playback(10, Playback.Pacing.EVERY_STEP, 2);
        p.forwardProperty().set(true);
        p.tProperty().set(1);
        p.play();
        assertEquals(1, p.tProperty().get(), "not at the end: plays on from t");
        p.tick(1);
        p.tick(1 + 100 * MS);
        assertEquals(2, p.tProperty().get());
        p.tick(1 + 200 * MS);
        assertEquals(0, p.tProperty().get(), "loops back to t = 0");
        p.loopProperty().set(false);
        p.tick(1 + 300 * MS);
        p.tick(1 + 400 * MS);
        assertEquals(2, p.tProperty().get());
        p.tick(1 + 500 * MS);
        assertEquals(2, p.tProperty().get());
        assertFalse(p.playingProperty().get(), "without loop it stops at the end");
    }

    @Test
    void everyStepMovesOneStepPerFrameEvenAfterAStall() {
        Playback p = playback(10, Playback.Pacing.EVERY_STEP, 40);
        p.play();
        p.tick(MS);
        p.tick(MS + 3000 * MS);
        assertEquals(39, p.tProperty().get());
    }

    @Test
    void catchUpMovesManyStepsPerFrameAndCarriesTheFraction() {
        Playback p = playback(1000, Playback.Pacing.CATCH_UP, 2000);
        p.play();
        p.tick(MS);
        p.tick(MS + 16 * MS + MS / 2);      // 16.5 ms at 1000 steps/s: 16 steps, half a step carried
        assertEquals(2000 - 16, p.tProperty().get());
        p.tick(MS + 33 * MS);               // 16.5 ms more and the half carried: 17 steps
        assertEquals(2000 - 33, p.tProperty().get());
        p.tick(MS + 5033 * MS);             // a 5 s stall counts as 1 s
        assertEquals(2000 - 33 - 1000, p.tProperty().get());
    }

    @Test
    void catchUpKeepsTheChosenSpeedWhenFramesComeOnlyTwiceASecond() {
        // while training shares the cores, a frame may take half a second: it moves the steps that time is worth
        Playback p = playback(10, Playback.Pacing.CATCH_UP, 40);
        p.play();
        p.tick(MS);
        p.tick(MS + 500 * MS);
        p.tick(MS + 1000 * MS);
        assertEquals(40 - 10, p.tProperty().get());
    }

    @Test
    void catchUpStopsAtTheEndWithoutOvershooting() {
        Playback p = playback(1000, Playback.Pacing.CATCH_UP, 2000);
        p.loopProperty().set(false);
        p.tProperty().set(10);
        p.play();
        p.tick(MS);
        p.tick(MS + 100 * MS);
        assertEquals(0, p.tProperty().get());
        p.tick(MS + 200 * MS);
        assertFalse(p.playingProperty().get());
    }
}
