package org.diffusionlab.app.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The exit wait joins the named workers, and gives up after its time when one does not end. */
class WorkerThreadsTest {

    @Test
    void waitsForWorkersThatEndAndGivesUpOnOnesThatDoNot() throws Exception {
        String prefix = "worker-threads-test-" + System.nanoTime() + "-";
        Thread quick = new Thread(() -> sleep(150), prefix + "quick");
        quick.setDaemon(true);
        quick.start();
        long t0 = System.nanoTime();
        assertTrue(WorkerThreads.awaitEnd(prefix, 5000), "the worker ended within its time");
        assertFalse(quick.isAlive());
        assertTrue((System.nanoTime() - t0) / 1e6 < 4000, "returned as soon as the worker ended");

        CountDownLatch release = new CountDownLatch(1);
        Thread stuck = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, prefix + "stuck");
        stuck.setDaemon(true);
        stuck.start();
        t0 = System.nanoTime();
        assertFalse(WorkerThreads.awaitEnd(prefix, 200), "a worker that does not end is reported");
        double waited = (System.nanoTime() - t0) / 1e6;
        assertTrue(waited >= 150 && waited < 3000, "waited its time and no longer: " + waited + " ms");
        release.countDown();
        stuck.join(2000);
        assertTrue(WorkerThreads.awaitEnd(prefix, 1000));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
