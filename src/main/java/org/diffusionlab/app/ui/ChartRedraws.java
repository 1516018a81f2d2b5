package org.diffusionlab.app.ui;

import java.util.ArrayDeque;
import java.util.Deque;

import javafx.animation.AnimationTimer;
import org.jfree.chart.JFreeChart;

/**
 * Coalesces and spreads the redraws of JFreeChart charts shown in a {@code ChartViewer}. A viewer redraws its whole
 * chart on the UI thread at every change event, and one snapshot changes a chart several times (each series, the axis
 * range): several full redraws, text layout included, in one pulse. Before changing a chart, call {@link #hold};
 * its change events are then suspended until a later pulse redraws it once, and when several charts wait, each pulse
 * redraws only one of them, so that no single frame pays for every chart. Lives on the JavaFX application thread.
 */
public final class ChartRedraws {

    private final Deque<JFreeChart> waiting = new ArrayDeque<>();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            JFreeChart next = waiting.pollFirst();
            if (next != null) {
                next.setNotify(true);       // one change event: one redraw of everything changed since hold
            }
            if (waiting.isEmpty()) {
                stop();
                running = false;
            }
        }
    };
    private boolean running;

    /** Suspends the chart's redraws until a coming pulse (call before changing it; cheap when already held). */
    public void hold(JFreeChart chart) {
        if (!waiting.contains(chart)) {
            chart.setNotify(false);
            waiting.addLast(chart);
        }
        if (!running) {
            running = true;
            timer.start();
        }
    }

    /** Redraws every held chart now (before taking a picture of it). */
    public void flush() {
        while (!waiting.isEmpty()) {
            waiting.pollFirst().setNotify(true);
        }
    }

    /** Number of charts waiting for their redraw. */
    public int waiting() {
        return waiting.size();
    }
}
