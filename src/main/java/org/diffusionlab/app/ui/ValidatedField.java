package org.diffusionlab.app.ui;

import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.css.PseudoClass;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

/**
 * A text field bound to a typed value that is checked as the user types: while refused it is marked (pseudo-class
 * {@code error}) and its tooltip says why instead of the help. Typing only edits; Enter or leaving the field commits,
 * so that a half-typed number starts no computation.
 */
public final class ValidatedField {

    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private ValidatedField() {
    }

    /**
     * @param error   why the value is refused, empty when it is valid
     * @param commit  runs on Enter and when the field loses the keyboard
     */
    public static TextField create(String id, StringProperty value, ObservableStringValue error, int columns,
                                   double width, String help, Runnable commit) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(columns);
        f.setPrefWidth(width);
        f.textProperty().bindBidirectional(value);
        Tooltip tip = Tooltips.wrapped(help);
        f.setTooltip(tip);
        f.setOnAction(e -> commit.run());
        f.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commit.run();
            }
        });
        Runnable mark = () -> {
            boolean bad = !error.get().isEmpty();
            f.pseudoClassStateChanged(ERROR, bad);
            tip.setText(bad ? error.get() : help);
        };
        error.addListener((o, a, b) -> mark.run());
        mark.run();
        return f;
    }
}
