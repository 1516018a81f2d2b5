package org.diffusionlab.app.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionlab.engine.schedule.BetaSchedule;
import org.junit.jupiter.api.Test;

/** The edit model without a toolkit: local bends, refusals, one undo step per drag, exact restores. */
class ScheduleEditorTest {

    private static final BetaSchedule RELEASED = BetaSchedule.releasedDefault(40, 1e-3);

    @Test
    void movingAPointSetsBetaThereAndBendsOnlyBetweenItsNeighbours() {
        ScheduleEditor e = new ScheduleEditor(ScheduleEdit.of("released", RELEASED));
        int i = 5;
        int t = e.current().controlStep(i);
        assertNull(e.moveControl(i, 0.2));
        BetaSchedule s = e.current().schedule();
        assertEquals(0.2, s.beta(t), 1e-15);
        int prev = e.current().controlStep(i - 1);
        int next = e.current().controlStep(i + 1);
        for (int u = 1; u <= 40; u++) {
            if (u <= prev || u >= next) {
                assertEquals(RELEASED.beta(u), s.beta(u), 1e-15 * RELEASED.beta(u), "unchanged outside the neighbours: t = " + u);
            } else {
                assertTrue(s.beta(u) >= RELEASED.beta(u), "bent up between them: t = " + u);
            }
        }
        assertEquals("custom", s.name());
    }

    @Test
    void valuesOutsideZeroOneAreRefusedAndChangeNothing() {
        ScheduleEditor e = new ScheduleEditor(ScheduleEdit.of("released", RELEASED));
        ScheduleEdit before = e.current();
        assertNotNull(e.moveControl(2, 0));
        assertNotNull(e.moveControl(2, -0.1));
        assertNotNull(e.moveControl(2, 1));
        assertNotNull(e.moveControl(2, Double.NaN));
        assertEquals(before, e.current());
        assertFalse(e.canUndoProperty().get());
        // a point whose neighbourhood would pass 1 (binomial's last steps are near 1) is refused as well
        ScheduleEditor b = new ScheduleEditor(ScheduleEdit.of("binomial", BetaSchedule.binomial(40).withBeta1(1e-3)));
        int last = b.current().controlCount() - 2;
        String why = b.moveControl(last, 0.99);
        assertNotNull(why);
        assertTrue(why.contains("(0, 1)"), why);
        assertNotNull(ScheduleEditor.problemBeta1(0.5));
        assertNotNull(b.setBeta1(0));
    }

    @Test
    void aDragIsOneUndoStepAndUndoRedoRestoreExactly() {
        ScheduleEditor e = new ScheduleEditor(ScheduleEdit.of("released", RELEASED));
        ScheduleEdit start = e.current();
        e.beginDrag();
        for (double v = 0.05; v < 0.3; v += 0.01) {
            assertNull(e.moveControl(3, v));
        }
        e.endDrag();
        ScheduleEdit dragged = e.current();
        e.setBeta1(2e-3);
        e.undo();
        assertEquals(dragged, e.current());
        e.undo();
        assertEquals(start, e.current());
        assertArrayEquals(RELEASED.betas(), e.current().schedule().betas());
        assertFalse(e.canUndoProperty().get());
        e.redo();
        e.redo();
        assertEquals(2e-3, e.current().schedule().beta(1));
        assertFalse(e.canRedoProperty().get());
        // a new edit after an undo drops the redo history
        e.undo();
        e.moveControl(0, 0.01);
        assertFalse(e.canRedoProperty().get());
    }

    @Test
    void followingTheModelLeavesNoUndoStep() {
        ScheduleEditor e = new ScheduleEditor(ScheduleEdit.of("learned", RELEASED));
        e.follow(ScheduleEdit.of("learned", BetaSchedule.cosine(40, 1e-3)));
        assertFalse(e.canUndoProperty().get());
        assertArrayEquals(BetaSchedule.cosine(40, 1e-3).betas(), e.current().schedule().betas());
    }
}
