package org.diffusionlab.app.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The pure parts of the binary pane: GIF subsampling, the row count's parsing, the fraction's wording. */
class BinaryExportTest {

    @Test
    void gifStepsRunFromTDownToZeroAndNeverExceedTheLimit() {
        int[] ts = BinaryExport.gifSteps(2000);
        assertEquals(BinaryExport.GIF_FRAMES, ts.length);
        assertEquals(2000, ts[0]);
        assertEquals(0, ts[ts.length - 1]);
        for (int k = 1; k < ts.length; k++) {
            assertTrue(ts[k] < ts[k - 1], "strictly down");
        }
        int[] small = BinaryExport.gifSteps(40);
        assertEquals(41, small.length, "short processes keep every step");
        assertEquals(40, small[0]);
        assertEquals(0, small[40]);
    }

    @Test
    void rowsAreOneTo512WithTheReason() {
        assertEquals(64, BinaryTrajectoryViewModel.parseRows(" 64 ").value());
        assertEquals(512, BinaryTrajectoryViewModel.parseRows("512").value());
        assertEquals("Rows must be a whole number from 1 to 512, got 0",
                BinaryTrajectoryViewModel.parseRows("0").problem());
        assertEquals("Rows must be a whole number from 1 to 512, got 513",
                BinaryTrajectoryViewModel.parseRows("513").problem());
        assertEquals("Rows must be a whole number from 1 to 512", BinaryTrajectoryViewModel.parseRows("").problem());
        assertFalse(BinaryTrajectoryViewModel.parseRows("6.5").isValid());
    }

    @Test
    void theFractionSaysWhatIsCounted() {
        assertEquals("Samples that are true heartbeats: 61 / 64 (95%)",
                BinaryTrajectoryView.fractionSentence(false, 61, 64));
        assertEquals("Samples that are true heartbeats agreeing with the fixed bins: 27 / 64 (42%)",
                BinaryTrajectoryView.fractionSentence(true, 27, 64));
        assertEquals("bins 3 = 1, 10 = 0", BinaryTrajectoryViewModel.describe(
                new int[] {-1, -1, 1, -1, -1, -1, -1, -1, -1, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1}));
    }
}
