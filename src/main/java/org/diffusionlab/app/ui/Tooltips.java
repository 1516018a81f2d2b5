package org.diffusionlab.app.ui;

import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;

/** The panes' tooltips: wrapped at a readable width, since most explain a control in a sentence or two. */
public final class Tooltips {

    private static final double MAX_WIDTH = 360;

    private Tooltips() {
    }

    public static Tooltip wrapped(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(MAX_WIDTH);
        return t;
    }

    public static void install(Control c, String text) {
        c.setTooltip(wrapped(text));
    }
}
