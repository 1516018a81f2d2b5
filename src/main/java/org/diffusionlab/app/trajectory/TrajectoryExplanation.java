package org.diffusionlab.app.trajectory;

import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import org.diffusionlab.app.explain.ExplanationPanel;
import org.diffusionlab.app.explain.HighlightHub;
import org.diffusionlab.app.explain.PlotElement;
import org.diffusionlab.app.explain.Term;

/**
 * The 2-D Trajectory pane's explanation: the paper's Figure 1 in words, the forward and reverse kernels with the
 * values at the shown step t, and what the colours, arrows and heat map mean.
 */
final class TrajectoryExplanation {

    private TrajectoryExplanation() {
    }

    static ExplanationPanel build(TrajectoryViewModel vm, HighlightHub hub) {
        ExplanationPanel p = new ExplanationPanel("Trajectories: the paper's Figure 1, live", hub);
        p.paragraph("Left, the forward process q: real data points, each step adding a little noise, until at t = T "
                + "they are a plain Gaussian cloud. Right, the reverse process p: points drawn from that Gaussian, each "
                + "step moved and blurred by the trained network, ending (t = 0) where the data are. The slider "
                + "chooses the step t; both sides show the same t.");
        p.heading("At this step");
        p.liveValues("trajectory-live-values", liveValues(vm));
        p.equation("Where the forward process has taken a data point after t steps: its signal shrinks by \u221a\u1fb1_t "
                        + "and noise of variance 1 \u2212 \u1fb1_t is added. At t = T almost nothing of x\u2070 is left.",
                Term.linked("q(x^{(t)}|x^{(0)}) = \\mathcal{N}\\big(x^{(t)};\\ \\sqrt{\\bar\\alpha_t}\\,x^{(0)},\\ (1-\\bar\\alpha_t)I\\big)",
                        PlotElement.FORWARD, "The left picture: the data after t forward steps"),
                Term.of("\\bar\\alpha_t = \\prod_{s=1}^{t}(1-\\beta_s)"));
        p.equation("One reverse step: a Gaussian whose mean and variance the network computes for every point and step. "
                        + "Hover f_\u03bc to see the drift arrows, f_\u03a3 to see the variance heat map.",
                Term.linked("p(x^{(t-1)}|x^{(t)})", PlotElement.REVERSE, "The right picture: points after the reverse steps down to t"),
                Term.of("= \\mathcal{N}\\big("),
                Term.linked("f_\\mu(x^{(t)},t),", PlotElement.DRIFT, "The mean: drawn as arrows from x to f_\u03bc(x, t)"),
                Term.of("\\ "),
                Term.linked("f_\\Sigma(x^{(t)},t)\\big)", PlotElement.REVERSE_VARIANCE, "The variance: drawn as the heat map"));
        p.equation("The reverse process starts from the same Gaussian the forward process ends in.",
                Term.of("p(x^{(T)}) = \\pi(x^{(T)}) = \\mathcal{N}(0, I)"));
        p.equation("An arrow at x points from x to where the network moves it in one step: the paper's third row.",
                Term.linked("\\text{arrow}(x) = f_\\mu(x, t) - x", PlotElement.DRIFT, "The drift arrows"));

        p.heading("What the colours mean");
        p.legend(PlotElement.FORWARD, "traj-c2", "Point colours",
                "Each point keeps its colour from the data's position along the roll (the colour bar), so you can follow "
                        + "where parts of the roll go as noise is added and removed.");
        p.legend(PlotElement.DRIFT, "traj-arrow", "Drift arrows",
                "f_\u03bc(x, t) \u2212 x on a grid, lengthened by the factor shown under the pictures: where the "
                        + "reverse step pushes a point. Early in the reverse process (large t) they barely move points; "
                        + "near t = 0 they pull points onto the roll.");
        p.legend(PlotElement.REVERSE_VARIANCE, "traj-heat2", "Variance heat map",
                "The reverse kernel's variance f_\u03a3(x, t) on the grid (dark: small, bright: large): how unsure the "
                        + "network is where a point came from. It lies between the posterior variance and \u03b2_t.");
        p.legend(null, "traj-path", "Paths", "A few points followed step by step through the whole process.");

        p.heading("Try this");
        p.paragraph("Press Play (Space) and watch the roll dissolve and reassemble. Step with \u2190 \u2192 near t = 0 "
                + "and near t = T: where do the arrows matter? Switch on the heat map and find where the network is "
                + "most unsure. Then draw your own data (Draw) and train on it.");
        return p;
    }

    /** t, beta_t, abar_t and the noise variance 1 - abar_t at the shown step, as LaTeX items. */
    static StringBinding liveValues(TrajectoryViewModel vm) {
        return Bindings.createStringBinding(() -> {
            TrajectoryFrames f = vm.framesProperty().get();
            int t = vm.tProperty().get();
            if (f == null) {
                return String.format(Locale.ROOT, "t = %d", t);
            }
            double[] b = f.betas();
            double abar = 1;
            for (int s = 0; s < t && s < b.length; s++) {
                abar *= 1 - b[s];
            }
            String beta = t >= 1 && t <= b.length ? String.format(Locale.ROOT, "%.4f", b[t - 1]) : "\\text{--}";
            return String.format(Locale.ROOT, "t = %d\\ \\text{of}\\ T = %d\\quad \\beta_t = %s\\quad "
                    + "\\bar\\alpha_t = %.4f\\quad 1-\\bar\\alpha_t = %.4f", t, b.length, beta, abar, 1 - abar);
        }, vm.tProperty(), vm.framesProperty());
    }
}
