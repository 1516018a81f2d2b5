package org.diffusionlab.app.ui;

import java.util.LinkedHashMap;
import java.util.Map;

import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * Colours for what CSS cannot style directly (JFreeChart's Java2D paints, canvas drawings), read from the stylesheet:
 * each colour is the {@code -fx-background-color} of a hidden region with the style class {@code palette-<name>}
 * (see assets/app.css), so no colour is written in Java and a theme switch recolours the charts too.
 */
public final class Palette extends Pane {

    private final Map<String, Region> swatches = new LinkedHashMap<>();

    public Palette(String... names) {
        setManaged(false);
        setVisible(false);
        getStyleClass().add("palette");
        for (String n : names) {
            Region r = new Region();
            r.getStyleClass().add("palette-" + n);
            swatches.put(n, r);
            getChildren().add(r);
        }
    }

    /** The colour the stylesheet gives {@code palette-<name>} now (grey if the stylesheet does not say). */
    public Color color(String name) {
        Region r = swatches.get(name);
        if (r == null) {
            throw new IllegalArgumentException("No palette entry " + name + "; known: " + swatches.keySet());
        }
        if (getScene() != null) {
            applyCss();
        }
        Background b = r.getBackground();
        if (b != null && !b.getFills().isEmpty()) {
            BackgroundFill f = b.getFills().get(0);
            Paint p = f.getFill();
            if (p instanceof Color c) {
                return c;
            }
        }
        return Color.GRAY;
    }

    /**
     * Calls {@code action} whenever the stylesheet gives any swatch a new colour (a theme switch), so that a drawing
     * that reads its colours from this palette can redraw itself without being told by the window.
     */
    public void onRestyle(Runnable action) {
        for (Region r : swatches.values()) {
            r.backgroundProperty().addListener((o, a, b) -> action.run());
        }
    }

    /** The same as an AWT colour (for JFreeChart). */
    public java.awt.Color awt(String name) {
        Color c = color(name);
        return new java.awt.Color((float) c.getRed(), (float) c.getGreen(), (float) c.getBlue(), (float) c.getOpacity());
    }
}
