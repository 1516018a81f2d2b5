package org.diffusionlab.app.lesson;

import javafx.scene.Node;
import javafx.scene.control.Label;

/**
 * The one place lessons turn LaTeX into a node and check it. Until the explanation panels' TeX renderer is on main
 * this shows the source text and checks only that braces balance.
 */
final class Equations {

    private Equations() {
    }

    /** A node drawing the equation. */
    static Node render(String latex) {
        Label l = new Label(latex);
        l.getStyleClass().add("lesson-equation-source");
        l.setWrapText(true);
        return l;
    }

    /** Null if the LaTeX can be drawn, else why not. */
    static String check(String latex) {
        int depth = 0;
        for (int i = 0; i < latex.length(); i++) {
            char c = latex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth < 0) {
                return "a '}' without its '{'";
            }
        }
        return depth == 0 ? null : "a '{' without its '}'";
    }
}
