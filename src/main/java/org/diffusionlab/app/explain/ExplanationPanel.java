package org.diffusionlab.app.explain;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * What one pane shows, in plain words and in the paper's equations: a column of headings, paragraphs, equations and
 * legend rows, built by the pane (see e.g. TrainExplanation). Legend rows name every line, marker, colour and bar
 * the pane draws; like equation terms, a legend row with a plot element points at it while hovered or focused.
 */
public final class ExplanationPanel extends VBox {

    private final HighlightHub hub;
    private final List<Equation> equations = new ArrayList<>();
    private final List<PlotElement> legend = new ArrayList<>();

    public ExplanationPanel(String title, HighlightHub hub) {
        this.hub = hub;
        getStyleClass().add("explanation");
        Label t = new Label(title);
        t.getStyleClass().add("explanation-title");
        t.setWrapText(true);
        getChildren().add(t);
    }

    public HighlightHub hub() {
        return hub;
    }

    public ExplanationPanel heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("explanation-heading");
        l.setWrapText(true);
        getChildren().add(l);
        return this;
    }

    public ExplanationPanel paragraph(String text) {
        getChildren().add(paragraphLabel(text));
        return this;
    }

    /** An equation with a short caption under it saying what it is. */
    public ExplanationPanel equation(String caption, Term... terms) {
        Equation e = new Equation(hub, terms);
        equations.add(e);
        getChildren().add(e);
        if (caption != null && !caption.isBlank()) {
            Label c = paragraphLabel(caption);
            c.getStyleClass().add("equation-caption");
            getChildren().add(c);
        }
        return this;
    }

    /**
     * One legend row: a swatch in the colour of palette entry {@code colourKey} (as the chart draws it), the
     * element's name and what it means.
     */
    public ExplanationPanel legend(PlotElement element, String colourKey, String name, String meaning) {
        Region swatch = new Region();
        swatch.getStyleClass().addAll("legend-swatch", "palette-" + colourKey);
        Label n = new Label(name);
        n.getStyleClass().add("legend-name");
        n.setWrapText(true);
        Label m = paragraphLabel(meaning);
        VBox text = new VBox(n, m);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(8, swatch, text);
        row.getStyleClass().add("legend-row");
        if (element != null) {
            legend.add(element);
            row.setFocusTraversable(true);
            Pointing.install(row, element, hub);
        }
        getChildren().add(row);
        return this;
    }

    /**
     * A line of live values (LaTeX, updated as the run goes), its items separated by {@code \\quad}: each item is
     * its own formula, so the line wraps between items when the panel is narrow.
     */
    public ExplanationPanel liveValues(String id, ObservableStringValue latex) {
        javafx.scene.layout.FlowPane line = new javafx.scene.layout.FlowPane(10, 2);
        line.setId(id);
        line.setMinWidth(Equation.MIN_WIDTH);
        line.getStyleClass().add("live-values");
        Runnable rebuild = () -> {
            String[] items = latex.get() == null ? new String[0] : latex.get().split("\\\\quad");
            while (line.getChildren().size() > items.length) {
                line.getChildren().remove(line.getChildren().size() - 1);
            }
            for (int i = 0; i < items.length; i++) {
                String item = items[i].trim().replaceAll(",$", "");
                if (i < line.getChildren().size()) {
                    ((TexView) line.getChildren().get(i)).setLatex(item);
                } else {
                    TexView v = new TexView(item, 14);
                    v.fitWithin(line);
                    line.getChildren().add(v);
                }
            }
        };
        latex.addListener((o, a, b) -> rebuild.run());
        // JavaFX bindings watch their sources through weak references: the line keeps its binding alive.
        line.getProperties().put(ObservableStringValue.class, latex);
        rebuild.run();
        getChildren().add(line);
        return this;
    }

    /** Any other node (a figures card, a live-values line, a button). */
    public ExplanationPanel add(Node node) {
        getChildren().add(node);
        return this;
    }

    /** A two-column grid of figure names and values, styled like the heartbeat's card. */
    public static GridPane figures() {
        GridPane g = new GridPane();
        g.getStyleClass().addAll("stats", "explain-figures");
        return g;
    }

    public List<Equation> equations() {
        return List.copyOf(equations);
    }

    /** The plot elements named in the legend, in order. */
    public List<PlotElement> legendElements() {
        return List.copyOf(legend);
    }

    static Label paragraphLabel(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("explanation-text");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
