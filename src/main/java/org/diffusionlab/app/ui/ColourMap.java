package org.diffusionlab.app.ui;

import java.util.List;

import javafx.scene.paint.Color;

/**
 * A colour map from [0, 1] to opaque ARGB as a 256-entry table, interpolated linearly between stops that come from
 * the stylesheet (so no colour is written in Java). Immutable.
 */
public final class ColourMap {

    public static final int SIZE = 256;

    private final int[] table = new int[SIZE];

    public ColourMap(List<Color> stops) {
        if (stops.isEmpty()) {
            throw new IllegalArgumentException("a colour map needs at least one stop");
        }
        for (int i = 0; i < SIZE; i++) {
            double f = (double) i / (SIZE - 1) * (stops.size() - 1);
            int k = Math.min(stops.size() - 1, (int) Math.floor(f));
            Color a = stops.get(k);
            Color b = stops.get(Math.min(stops.size() - 1, k + 1));
            table[i] = PointRaster.argb(a.interpolate(b, f - k));
        }
    }

    /** The colour of {@code v} in [0, 1] (clamped). */
    public int argb(double v) {
        int i = (int) Math.round(Math.max(0, Math.min(1, v)) * (SIZE - 1));
        return table[i];
    }

    /** The colour of table entry i. */
    public int entry(int i) {
        return table[i];
    }
}
