package org.diffusionlab.app.train;

import org.diffusionlab.app.explain.ExplanationPanel;
import org.diffusionlab.app.explain.HighlightHub;
import org.diffusionlab.app.explain.PlotElement;
import org.diffusionlab.app.explain.Term;

/**
 * The heartbeat Train pane's explanation: binomial diffusion of 20-bin binary sequences, the bound in bits per
 * sequence, and what each line of its K plot is.
 */
final class HeartbeatExplanation {

    private HeartbeatExplanation() {
    }

    static ExplanationPanel build(HighlightHub hub) {
        ExplanationPanel p = new ExplanationPanel("Binary diffusion: the heartbeat", hub);
        p.paragraph("Diffusion is not only Gaussian noise. Here the data are binary: sequences of 20 bins with a 1 in "
                + "every 5th bin (5 possible sequences, a regular heartbeat). Each forward step flips a bin towards a "
                + "fair coin with a small probability; after T = 2000 steps every bin is a coin flip. The network "
                + "learns the reverse step: for every bin, the probability that it was a 1 one step earlier.");
        p.equation("Forward step: keep the bit with probability 1 \u2212 \u03b2_t, else replace it by a fair coin.",
                Term.of("q(x^{(t)}|x^{(t-1)}) = \\mathcal{B}\\big(x^{(t)};\\ x^{(t-1)}(1-\\beta_t) + \\tfrac{1}{2}\\beta_t\\big),\\quad "
                        + "\\beta_t = \\frac{1}{T-t+1}"));
        p.equation("Reverse step: one Bernoulli probability per bin, from the network.",
                Term.of("p(x^{(t-1)}|x^{(t)}) = \\mathcal{B}\\big(x^{(t-1)};\\ f_b(x^{(t)}, t)\\big)"));
        p.equation("The bound, in bits per sequence: hover the KL sum to see its bars.",
                Term.linked("K", PlotElement.K_HOLDOUT, "The K curve"),
                Term.of("="),
                Term.linked("-\\sum_{t=2}^{T}\\mathbb{E}_q\\big[D_{KL}(q(x^{(t-1)}|x^{(t)},x^{(0)})\\,\\|\\,p(x^{(t-1)}|x^{(t)}))\\big]",
                        PlotElement.KL_TERMS, "The per-step KL bars"),
                Term.of("+\\ \\text{entropy terms}"));
        p.equation("The references: the truth (5 equally likely sequences) and a model that knows only that 1 bin in 5 is set.",
                Term.linked("\\log_2\\tfrac{1}{5} = -2.322", PlotElement.REFERENCE, "The true log-likelihood line"),
                Term.linked("L_{null} = -20\\,H_2(0.2) = -14.44", PlotElement.L_NULL, "The L_null line"));

        p.heading("On the charts");
        p.legend(PlotElement.K_HOLDOUT, "series-holdout", "K, holdout", "The bound on fresh draws, bits per sequence.");
        p.legend(PlotElement.K_BATCH, "series-batch", "K, training batch", "The same on recent training batches.");
        p.legend(PlotElement.CEILING, "line-ceiling", "Factorised ceiling",
                "The best any reverse kernel can do that draws each bin independently: a network of this form can "
                        + "approach it, never beat it. It lies a little below the truth.");
        p.legend(PlotElement.REFERENCE, "line-paper", "Paper's K and the truth",
                "The paper's Table 1 figure (\u22122.414) and the true log-likelihood (\u22122.322).");
        p.legend(PlotElement.L_NULL, "line-null", "L_null", "Independent bins, each a 1 with probability 0.2.");
        p.legend(PlotElement.KL_TERMS, "series-kl", "Per-step KL bars", "Bits lost at each reverse step.");

        p.heading("Try this");
        p.paragraph("Start training and watch K approach the ceiling. Then open the Trajectory pane: rows are "
                + "sequences; see the reverse process turn coin flips into heartbeats, and fix bins by clicking.");
        return p;
    }
}
