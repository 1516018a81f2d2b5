package org.diffusionlab.app.explain;

import java.util.prefs.Preferences;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A pane with its explanation beside it: the pane in the centre, the {@link ExplanationPanel} in a scrolling drawer
 * on the right that a toggle strip opens and closes. The drawer is open the first time and remembers being closed
 * (per pane, in the preferences given; none in tests). Its width follows the window: about a quarter of it, within
 * 280..440 px, so the pane keeps most of a small screen.
 */
public final class ExplainDrawer extends BorderPane {

    private static final double MIN_WIDTH = 280;
    private static final double MAX_WIDTH = 440;
    private static final double SHARE = 0.24;

    private final BooleanProperty open = new SimpleBooleanProperty(this, "open", true);
    private final ExplanationPanel panel;
    private final ScrollPane scroll;
    private final ToggleButton toggle = new ToggleButton("Explain");
    /** The room is lent to a lesson panel: the drawer is closed for now, and that is not remembered. */
    private boolean lending;
    private boolean openBeforeLending;

    /**
     * @param id    short pane name ("train", "trajectory", ...): node ids {@code explain-<id>} and
     *              {@code explain-toggle-<id>}, and the preference key
     * @param prefs where the open/closed state is remembered, or null to remember nothing
     */
    public ExplainDrawer(String id, Node content, ExplanationPanel panel, Preferences prefs) {
        this.panel = panel;
        getStyleClass().add("explain-drawer");
        // The pane fills the room left of the drawer; should its controls need more than that (a small screen), it
        // scrolls instead of pushing the drawer out of the window.
        ScrollPane room = new ScrollPane(content);
        room.setFitToWidth(true);
        room.setFitToHeight(true);
        room.getStyleClass().add("pane-room");
        setCenter(room);
        String key = "explain." + id + ".open";
        if (prefs != null) {
            open.set(prefs.getBoolean(key, true));
            open.addListener((o, a, now) -> {
                if (!lending) {
                    prefs.putBoolean(key, now);
                }
            });
        }

        scroll = new ScrollPane(panel);
        scroll.setId("explain-" + id);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("explain-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        toggle.setId("explain-toggle-" + id);
        toggle.getStyleClass().add("explain-toggle");
        toggle.selectedProperty().bindBidirectional(open);
        toggle.setTooltip(new Tooltip("Show or hide what this pane shows, in plain words and equations"));
        // The strip's label reads bottom to top, as on a book's spine.
        toggle.setRotate(-90);
        Group strip = new Group(toggle);
        VBox side = new VBox(strip);
        side.getStyleClass().add("explain-strip");

        BorderPane right = new BorderPane();
        right.setLeft(side);
        open.addListener((o, a, now) -> right.setCenter(now ? scroll : null));
        right.setCenter(open.get() ? scroll : null);
        setRight(right);
        sceneProperty().addListener((o, a, s) -> {
            if (s != null) {
                s.widthProperty().addListener((ob, was, w) -> fitWidth(w.doubleValue()));
                fitWidth(s.getWidth());
            }
        });
    }

    private void fitWidth(double windowWidth) {
        double w = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, windowWidth * SHARE));
        scroll.setPrefWidth(w);
        scroll.setMinWidth(w);
        scroll.setMaxWidth(w);
    }

    /**
     * Closes the drawer while a lesson panel takes the window's side room (the lesson explains the pane then) and
     * reopens it as it was when the lesson ends; neither change is remembered as the user's choice.
     */
    public void lendRoom(boolean lend) {
        if (lend == lending) {
            return;
        }
        if (lend) {
            openBeforeLending = open.get();
            lending = true;
            open.set(false);
        } else {
            open.set(openBeforeLending);
            lending = false;
        }
    }

    public BooleanProperty openProperty() {
        return open;
    }

    public ExplanationPanel panel() {
        return panel;
    }

    public ToggleButton toggle() {
        return toggle;
    }
}
