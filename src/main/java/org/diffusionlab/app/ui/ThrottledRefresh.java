package org.diffusionlab.app.ui;

import java.util.Objects;

import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * When a pane recomputes what it shows from a source that keeps changing (the newest snapshot of a training run):
 * only while the pane is shown, at once when it is shown with something new, and, while changes are throttled, at most
 * once every {@code minMillis}; a change inside that time is computed late rather than dropped. Lives on the JavaFX
 * application thread.
 */
public final class ThrottledRefresh {

    private final long minMillis;
    private final Runnable refresh;
    private boolean active;
    private boolean stale = true;
    private long lastRequest = Long.MIN_VALUE / 2;
    private PauseTransition timer;

    /** @param refresh  computes from the source now; it calls {@link #requested()} when it does ask for a result */
    public ThrottledRefresh(long minMillis, Runnable refresh) {
        this.minMillis = minMillis;
        this.refresh = Objects.requireNonNull(refresh);
    }

    /** The pane is shown (refresh what changed while it was hidden) or hidden. */
    public void setActive(boolean active) {
        this.active = active;
        if (active && stale) {
            refresh.run();
        }
    }

    public boolean isActive() {
        return active;
    }

    /**
     * The source changed: refresh now if the pane is shown, or, when {@code throttled} and the last request is less
     * than the least time ago, once that time has passed.
     */
    public void changed(boolean throttled) {
        stale = true;
        if (!active) {
            return;
        }
        long now = System.currentTimeMillis();
        if (!throttled || now - lastRequest >= minMillis) {
            refresh.run();
        } else if (timer == null || timer.getStatus() != Animation.Status.RUNNING) {
            if (timer == null) {
                timer = new PauseTransition();
                timer.setOnFinished(e -> {
                    if (stale && active) {
                        refresh.run();
                    }
                });
            }
            timer.setDuration(Duration.millis(minMillis - (now - lastRequest)));
            timer.playFromStart();
        }
    }

    /** The refresh asked for a result: nothing is stale now, and the least time counts from here. */
    public void requested() {
        stale = false;
        lastRequest = System.currentTimeMillis();
    }

    /** Drops a late refresh still waiting (the source went away, or the pane closes); the pane counts as stale. */
    public void cancel() {
        stale = true;
        if (timer != null) {
            timer.stop();
        }
    }
}
