package org.diffusionlab.app.inpaint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The mask model without a UI: brush geometry, whole-mask edits, presets, undo and redo. */
class MaskTest {

    /** Whether pixel (i, j)'s centre lies within r of the segment from a to b (independent of Mask's code). */
    private static boolean near(int i, int j, double ax, double ay, double bx, double by, double r) {
        double px = i + 0.5;
        double py = j + 0.5;
        double best = Double.MAX_VALUE;
        for (int k = 0; k <= 1000; k++) {
            double s = k / 1000.0;
            double x = ax + s * (bx - ax);
            double y = ay + s * (by - ay);
            best = Math.min(best, Math.hypot(px - x, py - y));
        }
        return best <= r + 1e-3;
    }

    @Test
    void aBrushStrokeMarksThePixelsWithinHalfItsDiameterOfThePath() {
        Mask m = new Mask(28);
        m.beginStroke(5.5, 3.5, 4, true);
        m.strokeTo(17.2, 20.9);
        m.endStroke();
        for (int j = 0; j < 28; j++) {
            for (int i = 0; i < 28; i++) {
                assertEquals(near(i, j, 5.5, 3.5, 17.2, 20.9, 2), m.get(i, j), "pixel " + i + "," + j);
            }
        }
        assertTrue(m.canUndo());
        m.undo();
        assertTrue(m.isEmpty());
        m.redo();
        assertTrue(m.get(10, 10) || m.get(11, 11));
    }

    @Test
    void aOnePixelBrushMarksOnlyThePixelsItCrosses() {
        Mask m = new Mask(28);
        m.beginStroke(2.5, 7.5, 1, true);
        m.strokeTo(9.5, 7.5);
        m.endStroke();
        assertEquals(8, m.count());
        for (int i = 2; i <= 9; i++) {
            assertTrue(m.get(i, 7));
        }
    }

    @Test
    void rectangleInvertClearAndPresets() {
        Mask m = new Mask(28);
        m.rectangle(10, 12, 3, 4, true);       // corners in any order, both included
        assertEquals(8 * 9, m.count());
        assertTrue(m.get(3, 4) && m.get(10, 12) && !m.get(11, 12) && !m.get(3, 13));
        m.invert();
        assertEquals(28 * 28 - 72, m.count());
        m.clear();
        assertTrue(m.isEmpty());
        m.centreSquare();
        assertEquals(144, m.count());
        assertTrue(m.get(8, 8) && m.get(19, 19) && !m.get(7, 8) && !m.get(20, 19));
        m.leftHalf();
        assertEquals(14 * 28, m.count());
        assertTrue(m.get(13, 27) && !m.get(14, 0));
        // every edit was one step
        m.undo();
        assertEquals(144, m.count());
        m.undo();
        assertTrue(m.isEmpty());
        m.undo();
        assertEquals(28 * 28 - 72, m.count());
    }

    @Test
    void anEditThatChangesNothingLeavesNoUndoStepAndANewEditDropsRedo() {
        Mask m = new Mask(16);
        m.clear();
        assertFalse(m.canUndo());
        m.beginStroke(3, 3, 2, false);      // erasing nothing
        m.endStroke();
        assertFalse(m.canUndo());
        m.centreSquare();
        m.undo();
        assertTrue(m.canRedo());
        m.leftHalf();
        assertFalse(m.canRedo());
        boolean[] left = m.toArray();
        m.set(left);
        assertArrayEquals(left, m.toArray());
        m.undo();
        assertTrue(m.isEmpty());
    }

    @Test
    void undoIsBounded() {
        Mask m = new Mask(8);
        for (int k = 0; k < Mask.UNDO_LIMIT + 50; k++) {
            m.invert();
        }
        int undone = 0;
        while (m.canUndo()) {
            m.undo();
            undone++;
        }
        assertEquals(Mask.UNDO_LIMIT, undone);
    }
}
