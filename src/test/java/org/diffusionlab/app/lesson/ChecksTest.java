package org.diffusionlab.app.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The check registry: names, numbers, the five comparisons of a reading, and a flag over a fake host. */
class ChecksTest {

    private final FakeLessonHost host = new FakeLessonHost();

    @Test
    void everyReadingHasItsFiveComparisonsAndFlagsTakeNoNumber() {
        for (String suffix : new String[] {"atLeast", "atMost", "above", "below", "equals"}) {
            assertNotNull(Checks.find("train.holdoutK." + suffix), suffix);
        }
        assertNull(Checks.problem(new LessonStep.CheckSpec("train.holdoutK.above", -1.5)));
        assertNull(Checks.problem(new LessonStep.CheckSpec("schedule.edited", null)));
        assertEquals("check 'schedule.edited' takes no number: write it alone, e.g. 'check: schedule.edited'",
                Checks.problem(new LessonStep.CheckSpec("schedule.edited", 1.0)));
        assertEquals("unknown check 'nope' (docs/lessons.md lists the checks)",
                Checks.problem(new LessonStep.CheckSpec("nope", null)));
    }

    @Test
    void theComparisonsReadTheLiveValue() {
        // without frames the Trajectory pane's t is 0 (its slider has no range yet)
        assertEquals(0, host.trajectory().tProperty().get());
        assertTrue(met("trajectory.t.equals", 0.0));
        assertTrue(met("trajectory.t.atLeast", 0.0));
        assertTrue(met("trajectory.t.atMost", 0.0));
        assertFalse(met("trajectory.t.above", 0.0));
        assertFalse(met("trajectory.t.below", 0.0));
        assertTrue(met("trajectory.t.below", 0.5));
        assertFalse(met("trajectory.t.equals", 1.0));
    }

    private boolean met(String name, double number) {
        ArmedCheck c = Checks.arm(host, new LessonStep.CheckSpec(name, number));
        boolean met = c.met().get();
        c.disarm();
        return met;
    }

    @Test
    void aFlagFollowsItsProperty() {
        ArmedCheck drift = Checks.arm(host, new LessonStep.CheckSpec("trajectory.drift", null));
        host.trajectory().driftProperty().set(false);
        assertFalse(drift.met().get());
        host.trajectory().driftProperty().set(true);
        assertTrue(drift.met().get());
        drift.disarm();
    }

    @Test
    void aSinceTheStepBeganFlagIgnoresTheStateBeforeIt() {
        host.trajectory().driftProperty().set(true);
        ArmedCheck shown = Checks.arm(host, new LessonStep.CheckSpec("trajectory.drift", null));
        assertTrue(shown.met().get(), "a plain flag reads the state now");
        ArmedCheck played = Checks.arm(host, new LessonStep.CheckSpec("trajectory.played", null));
        assertFalse(played.met().get(), "nothing played since the check was armed");
        played.disarm();
        shown.disarm();
    }
}
