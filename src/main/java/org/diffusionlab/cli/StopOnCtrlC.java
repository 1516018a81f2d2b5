package org.diffusionlab.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) during a training command: the JVM's shutdown hook asks the run to stop, then waits for the
 * command to save its model before the JVM exits. Use with try-with-resources around the run and the save.
 */
final class StopOnCtrlC implements AutoCloseable {

    /** Runs that are stopping on their own terms (the top-level hook then stays quiet). */
    private static final java.util.concurrent.atomic.AtomicInteger ACTIVE = new java.util.concurrent.atomic.AtomicInteger();

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    /**
     * @param stop          asks the run to stop (called on the hook's thread)
     * @param waitSeconds   how long the hook waits for the save
     */
    StopOnCtrlC(Runnable stop, long waitSeconds) {
        hook = new Thread(() -> {
            stop.run();
            try {
                finished.await(waitSeconds, TimeUnit.SECONDS);     // let the model be saved before the JVM exits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "diffusionlab-train-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        ACTIVE.incrementAndGet();
    }

    /** Whether a training run is under way that saves and reports on Ctrl-C itself. */
    static boolean isActive() {
        return ACTIVE.get() > 0;
    }

    /** The run and its save are over: a waiting hook returns, and the hook is removed. */
    @Override
    public void close() {
        ACTIVE.decrementAndGet();
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that the model is saved
        }
    }
}
