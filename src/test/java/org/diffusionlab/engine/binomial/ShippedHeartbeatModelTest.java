package org.diffusionlab.engine.binomial;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.diffusionlab.data.Heartbeat;
import org.diffusionlab.engine.NativeRuntime;
import org.junit.jupiter.api.Test;

/** The pretrained heartbeat model in assets/models/ loads and reaches the paper's bound. */
class ShippedHeartbeatModelTest {

    static final Path FILE = Path.of("assets", "models", "heartbeat-t2000.dlab");

    @Test
    void shippedModelReachesThePapersBoundAndSamplesHeartbeats() throws Exception {
        NativeRuntime.configure(1);
        BinomialModel model = BinomialModelFile.load(FILE).model();
        // 20 draws per sequence and step: standard error about 0.011 bits; the seed makes the figure repeatable
        BinomialEvaluation e = BinomialEvaluator.evaluate(model, 20, 200, 1);
        assertTrue(e.kBits() >= Heartbeat.PAPER_K_BITS, "K = " + e.kBits() + " +/- " + e.bound().standardErrorBits());
        assertTrue(e.gapToCeilingBits() < 0.03, "within 0.03 bits of the factorised ceiling: " + e.gapToCeilingBits());
        assertTrue(e.fractionHeartbeats() > 0.9, "fraction of true heartbeats " + e.fractionHeartbeats());
    }
}
