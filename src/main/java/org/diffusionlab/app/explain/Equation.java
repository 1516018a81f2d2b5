package org.diffusionlab.app.explain;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.util.Duration;

/**
 * An equation laid out as a row of terms that wraps when the panel is narrow. A linked term can be hovered or
 * focused (Tab) to point at its plot element through the pane's {@link HighlightHub}, and lights up while that
 * element is pointed at on its chart.
 */
public final class Equation extends FlowPane {

    static final double MIN_WIDTH = 80;

    private final List<TexView> linked = new ArrayList<>();

    public Equation(HighlightHub hub, Term... terms) {
        getStyleClass().add("equation");
        setHgap(1);
        setVgap(2);
        // A FlowPane is at least as wide as its widest child; terms shrink to fit instead (TexView.fitWithin).
        setMinWidth(MIN_WIDTH);
        for (Term term : terms) {
            String problem = TexView.check(term.latex());
            if (problem != null) {
                throw new IllegalArgumentException("Bad LaTeX in term '" + term.latex() + "': " + problem);
            }
            TexView view = new TexView(term.latex());
            view.fitWithin(this);
            if (term.reading() != null) {
                Tooltip tip = new Tooltip(term.reading());
                tip.setShowDelay(Duration.millis(250));
                tip.setWrapText(true);
                tip.setMaxWidth(360);
                Tooltip.install(view, tip);
            }
            if (term.element() != null) {
                link(view, term.element(), hub);
            }
            getChildren().add(view);
        }
    }

    private void link(TexView view, PlotElement element, HighlightHub hub) {
        view.getStyleClass().add("equation-term");
        view.setFocusTraversable(true);
        Pointing.install(view, element, hub);
        hub.activeProperty().addListener((o, a, now) -> view.highlightedProperty().set(now == element));
        linked.add(view);
    }

    /** The terms that point at a plot element (for tests and lessons). */
    public List<TexView> linkedTerms() {
        return List.copyOf(linked);
    }

    /** The plot element a term of this equation draws, or null. */
    public static PlotElement elementOf(TexView term) {
        return Pointing.elementOf(term);
    }
}
