package org.diffusionlab.app.explain;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Which plot element of one pane is being pointed at now, by a term of an equation (hover or keyboard focus) or by
 * the element itself on its chart. Terms and charts both watch it, so pointing at either lights up both.
 */
public final class HighlightHub {

    private final ObjectProperty<PlotElement> active = new SimpleObjectProperty<>(this, "active");

    public ReadOnlyObjectProperty<PlotElement> activeProperty() {
        return active;
    }

    public PlotElement active() {
        return active.get();
    }

    /** {@code element} is pointed at (null: nothing). */
    public void point(PlotElement element) {
        active.set(element);
    }

    /** Pointing at {@code element} ended; a newer pointer at another element is left alone. */
    public void release(PlotElement element) {
        if (active.get() == element) {
            active.set(null);
        }
    }
}
