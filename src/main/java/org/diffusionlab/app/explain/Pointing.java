package org.diffusionlab.app.explain;

import javafx.css.PseudoClass;
import javafx.scene.Node;

/** Makes a node point at a plot element while hovered or focused, and wear {@code :highlighted} while it is pointed at. */
public final class Pointing {

    private static final PseudoClass HIGHLIGHTED = PseudoClass.getPseudoClass("highlighted");

    private Pointing() {
    }

    /** {@code node} points at {@code element} through {@code hub} while the mouse is over it or it has the focus. */
    public static void install(Node node, PlotElement element, HighlightHub hub) {
        node.getProperties().put(PlotElement.class, element);
        node.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, e -> hub.point(element));
        node.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_EXITED, e -> hub.release(element));
        node.focusedProperty().addListener((o, was, is) -> {
            if (is) {
                hub.point(element);
            } else {
                hub.release(element);
            }
        });
        hub.activeProperty().addListener((o, a, now) -> node.pseudoClassStateChanged(HIGHLIGHTED, now == element));
    }

    /** The plot element {@code node} points at, or null. */
    public static PlotElement elementOf(Node node) {
        return (PlotElement) node.getProperties().get(PlotElement.class);
    }
}
