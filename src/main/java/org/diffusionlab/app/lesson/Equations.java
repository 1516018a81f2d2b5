package org.diffusionlab.app.lesson;

import javafx.scene.Node;
import org.diffusionlab.app.explain.TexView;

/** The one place lessons turn LaTeX into a node and check it: the explanation panels' TeX renderer. */
final class Equations {

    /** A little smaller than the panels' formulas: the lesson panel is 300 px wide. */
    private static final double FONT_SIZE = 14;

    private Equations() {
    }

    /** A node drawing the equation (it shrinks to fit the panel's width). */
    static Node render(String latex) {
        return new TexView(latex, FONT_SIZE);
    }

    /** Null if the LaTeX parses, else the parser's reason. */
    static String check(String latex) {
        return TexView.check(latex);
    }
}
