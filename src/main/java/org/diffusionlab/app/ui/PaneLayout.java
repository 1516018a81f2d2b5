package org.diffusionlab.app.ui;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;

/**
 * How every pane fits every window, from a 1024x700 laptop with the explanation drawer open (about 700x620 pixels
 * left for the pane) up to a 4K monitor. All panes (Train, Train heartbeat, Trajectory 2-D and binary, Schedule,
 * Inpaint) use the same three rules:
 * <ol>
 *   <li><b>Tool bars wrap.</b> A row of controls is a {@link FlowPane} ({@link #toolbar}): what does not fit moves to
 *   the next line instead of running off the edge.</li>
 *   <li><b>The body fits, then scrolls.</b> The rest of the pane sits in a {@link ScrollPane} ({@link #body}) that
 *   sizes it to the viewport while the viewport is at least the body's minimum size (charts grow with the window) and
 *   scrolls below it, so that nothing is ever cut off or out of reach. Charts and canvases have a minimum size at
 *   which they stay readable; that minimum is what scrolls.</li>
 *   <li><b>Side columns move under.</b> A pane's secondary column (previews, small multiples, thumbnails, figures)
 *   stands to the right of its main column while the pane is wide enough, and under it when it is not
 *   ({@link MainAndSide}).</li>
 * </ol>
 * Labels that may not fit wrap rather than end in an ellipsis, and chart titles are kept short.
 */
public final class PaneLayout {

    /** The gap between a tool bar's controls, and between its lines. */
    public static final double TOOLBAR_GAP = 8;
    /** The least a body's scroll pane is given before its pane overflows. */
    static final double MIN_VIEWPORT = 160;

    private PaneLayout() {
    }

    /** A tool bar whose controls wrap onto more lines when the pane is narrow. */
    public static FlowPane toolbar(Node... controls) {
        FlowPane bar = new FlowPane(TOOLBAR_GAP, 6, controls);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("pane-toolbar");
        // a FlowPane's preferred width is one long line: let the pane's width decide instead
        bar.setPrefWrapLength(400);
        bar.setMinWidth(0);
        return bar;
    }

    /**
     * The body of a pane in a scroll pane: the body fills the viewport while that is at least {@code minWidth} wide
     * and as high as the body's minimum height (its columns' minimum heights, which the view sets on its charts), and
     * scrolls beyond that.
     */
    public static ScrollPane body(Region content, double minWidth) {
        content.setMinWidth(minWidth);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        scroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        scroll.getStyleClass().add("pane-body");
        // the scroll pane itself may shrink (its body then scrolls): the pane never pushes the drawer beside it away
        scroll.setMinSize(MIN_VIEWPORT, MIN_VIEWPORT);
        return scroll;
    }
}
