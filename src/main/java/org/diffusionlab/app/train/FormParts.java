package org.diffusionlab.app.train;

import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/** The pieces the training forms are built of, so that every training pane looks and validates alike. */
final class FormParts {

    static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private FormParts() {
    }

    /**
     * A text field bound both ways to {@code text}; a structural one calls {@code onCommit} when Enter is pressed or
     * it loses the keyboard (null: the value applies as typed).
     */
    static TextField textField(String id, StringProperty text, Runnable onCommit) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(text);
        if (onCommit != null) {
            f.setOnAction(e -> onCommit.run());
            f.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    onCommit.run();
                }
            });
        }
        return f;
    }

    static void tip(Node n, String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(360);
        if (n instanceof Control c) {
            c.setTooltip(t);
        } else {
            Tooltip.install(n, t);
        }
    }

    static Label section(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("form-section");
        return l;
    }

    static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("stat-caption");
        return l;
    }

    static Label value(String id, ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("stat-value");
        l.textProperty().bind(text);
        return l;
    }

    /** A labelled control with its error line (id {@code <control id>-error}), shown only when there is a reason. */
    static Node field(String label, Control control, ObservableStringValue error) {
        Label l = new Label(label);
        l.getStyleClass().add("field-label");
        l.setLabelFor(control);
        control.setMaxWidth(Double.MAX_VALUE);
        VBox box = new VBox(l, control);
        box.getStyleClass().add("field");
        if (error != null) {
            Label e = new Label();
            e.setId(control.getId() + "-error");
            e.getStyleClass().add("field-error");
            e.setWrapText(true);
            e.textProperty().bind(error);
            e.visibleProperty().bind(Bindings.isNotEmpty(e.textProperty()));
            e.managedProperty().bind(e.visibleProperty());
            error.addListener((o, a, b) -> control.pseudoClassStateChanged(ERROR, !b.isEmpty()));
            control.pseudoClassStateChanged(ERROR, !error.get().isEmpty());
            box.getChildren().add(e);
        }
        return box;
    }

    /** The form at the pane's left: scrolls vertically, never sideways, at a fixed width. */
    static ScrollPane formScroll(Node form, double width) {
        ScrollPane scroll = new ScrollPane(form);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("train-form-scroll");
        scroll.setPrefWidth(width);
        scroll.setMinWidth(width);
        return scroll;
    }

    /** The plots' grid: two columns and two rows, the first column and row taking the given shares. */
    static GridPane plotGrid(double leftPercent, double topPercent) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("plots");
        ColumnConstraints left = new ColumnConstraints();
        left.setPercentWidth(leftPercent);
        ColumnConstraints right = new ColumnConstraints();
        right.setPercentWidth(100 - leftPercent);
        grid.getColumnConstraints().addAll(left, right);
        RowConstraints top = new RowConstraints();
        top.setPercentHeight(topPercent);
        RowConstraints bottom = new RowConstraints();
        bottom.setPercentHeight(100 - topPercent);
        grid.getRowConstraints().addAll(top, bottom);
        return grid;
    }

    /** Lets every cell of the grid grow with the pane. */
    static void growAll(GridPane grid) {
        for (Node n : grid.getChildren()) {
            GridPane.setHgrow(n, Priority.ALWAYS);
            GridPane.setVgrow(n, Priority.ALWAYS);
        }
    }
}
