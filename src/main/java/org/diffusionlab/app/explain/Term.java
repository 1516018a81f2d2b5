package org.diffusionlab.app.explain;

/**
 * One term of an equation: its LaTeX, the plot element it draws (null for a term that draws nothing) and a
 * one-line plain-words reading, shown as the term's tooltip.
 */
public record Term(String latex, PlotElement element, String reading) {

    public static Term of(String latex) {
        return new Term(latex, null, null);
    }

    public static Term linked(String latex, PlotElement element, String reading) {
        return new Term(latex, element, reading);
    }
}
