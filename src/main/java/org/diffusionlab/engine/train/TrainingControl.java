package org.diffusionlab.engine.train;

/** Pause, resume and cancel requests, checked by the trainer between iterations (thread-safe). */
public final class TrainingControl {

    private boolean paused;
    private volatile boolean cancelled;

    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    public void cancel() {
        cancelled = true;
        synchronized (this) {
            notifyAll();
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    /** Blocks while paused; returns at once when not paused or once cancelled. */
    public synchronized void awaitResume() throws InterruptedException {
        while (paused && !cancelled) {
            wait();
        }
    }
}
