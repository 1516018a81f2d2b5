package org.diffusionlab.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.diffusionlab.data.Heartbeat;
import org.diffusionlab.engine.train.HistoryPoint;
import org.junit.jupiter.api.Test;

/** Where the heartbeat's K axis stops below: following the curve's second half, never far below the paper. */
class BinomialKAxisTest {

    private static List<HistoryPoint> curve(double... k) {
        List<HistoryPoint> h = new ArrayList<>();
        for (int i = 0; i < k.length; i++) {
            h.add(new HistoryPoint(i * 100L, i, k[i], k[i]));
        }
        return h;
    }

    @Test
    void anUntrainedRunShowsFourBitsBelowThePaper() {
        assertEquals(Heartbeat.PAPER_K_BITS - 4, BinomialTrainView.floorFor(List.of()), 1e-12);
        assertEquals(Heartbeat.PAPER_K_BITS - 4, BinomialTrainView.floorFor(curve(-98, -60)), 1e-12);
    }

    @Test
    void aTrainedRunZoomsToTheBandAroundThePaper() {
        double floor = BinomialTrainView.floorFor(curve(-98, -20, -5, -2.6, -2.45, -2.42, -2.40, -2.39));
        assertEquals(-2.45 - 0.3, floor, 1e-12, "0.3 bits below the lowest K of the second half");
        assertEquals(Heartbeat.PAPER_K_BITS - 0.3,
                BinomialTrainView.floorFor(curve(-98, -2.36, -2.35, -2.34)), 1e-12, "the paper's line stays in view");
    }
}
