package org.diffusionlab.app.binary;

import org.diffusionlab.app.explain.ExplanationPanel;
import org.diffusionlab.app.explain.HighlightHub;
import org.diffusionlab.app.explain.PlotElement;
import org.diffusionlab.app.explain.Term;

/** The heartbeat Trajectory pane's explanation: the rasters, and fixing bins as multiplying by r(x). */
final class BinaryTrajectoryExplanation {

    private BinaryTrajectoryExplanation() {
    }

    static ExplanationPanel build(HighlightHub hub) {
        ExplanationPanel p = new ExplanationPanel("Heartbeats, forward and back", hub);
        p.paragraph("Each row is one sequence of 20 bins; a filled cell is a 1. Left, the forward process q starts from "
                + "true heartbeats and flips bins until every bin is a fair coin at t = T. Right, the reverse process p "
                + "starts from coin flips and should end, at t = 0, on true heartbeats: a \u2713 marks a row that is one "
                + "of the 5 true sequences.");
        p.equation("After t forward steps a bit has kept its value with probability \u1fb1_t, else it is a coin flip.",
                Term.linked("q(x^{(t)}|x^{(0)}) = \\mathcal{B}\\big(x^{(t)};\\ x^{(0)}\\bar\\alpha_t + \\tfrac12(1-\\bar\\alpha_t)\\big)",
                        PlotElement.FORWARD, "The left raster"),
                Term.of("\\bar\\alpha_t = \\prod_{s\\le t}(1-\\beta_s)"));
        p.equation("Fixing bins multiplies each reverse step by r(x): for a bin with reverse probability c and r's "
                        + "probability d, the product is again a Bernoulli (the paper's multiplied kernel).",
                Term.linked("\\tilde c = \\frac{c\\,d}{c\\,d + (1-c)(1-d)}", PlotElement.CONDITION,
                        "The fixed bins above the reverse raster"));
        p.heading("On the pane");
        p.legend(PlotElement.FORWARD, "binary-on", "Left raster: q", "True heartbeats diffusing into coin flips.");
        p.legend(PlotElement.REVERSE, "binary-on", "Right raster: p", "Coin flips brought back by the model.");
        p.legend(PlotElement.CONDITION, "binary-fixed-one", "Fixed bins",
                "Click a bin above the reverse raster: free \u2192 1 \u2192 0 \u2192 free. The reverse rows are "
                        + "re-sampled with every step multiplied by r.");
        p.paragraph("Fraction correct: the share of reverse rows at t = 0 that are true heartbeats (agreeing with the "
                + "fixed bins, if any). The per-step product is the paper's approximation, so not every row is right.");
        return p;
    }
}
