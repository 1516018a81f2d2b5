package org.diffusionlab.app.inpaint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The background warm-up of a shipped model's sampler: it runs whole fills, and stops before a step when told. */
class InpaintEngineWarmUpTest {

    private final InpaintEngine engine = new InpaintEngine();

    @Test
    void runsTheFillsAskedForWhenNothingStopsIt() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        int steps = engine.scale("texture").steps();
        assertEquals(2, engine.warmUp("texture", 2, () -> checks.incrementAndGet() < 0));
        // the stop condition is asked before every reverse step of every fill
        assertEquals(2 * steps, checks.get());
    }

    @Test
    void stopsBeforeTheNextStepOnceAskedAndFinishesNoFill() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        assertEquals(0, engine.warmUp("texture", 2, () -> checks.incrementAndGet() > 5));
        assertEquals(6, checks.get());
        assertEquals(0, engine.warmUp("texture", 2, () -> true));
    }
}
