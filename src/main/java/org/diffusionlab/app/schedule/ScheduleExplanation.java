package org.diffusionlab.app.schedule;

import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import org.diffusionlab.app.explain.ExplanationPanel;
import org.diffusionlab.app.explain.HighlightHub;
import org.diffusionlab.app.explain.PlotElement;
import org.diffusionlab.app.explain.Term;

/**
 * The Schedule pane's explanation: what beta_t does to the forward process and to the bound, why the reverse
 * variance is boxed in by the entropy bounds, and the bound under the trained and the edited schedule.
 */
final class ScheduleExplanation {

    private ScheduleExplanation() {
    }

    static ExplanationPanel build(ScheduleViewModel vm, HighlightHub hub) {
        ExplanationPanel p = new ExplanationPanel("The schedule \u03b2_t: how fast noise is added", hub);
        p.paragraph("\u03b2_t is the variance of the noise the forward process adds at step t. Small steps are easy "
                + "to reverse but waste steps; large steps destroy the data quickly but are hard to undo. The paper "
                + "learns \u03b2\u2082 \u2026 \u03b2_T by gradient ascent on K. Drag the control points and see what your "
                + "schedule does to the forward process (top right) and to the bound (below), with the trained network "
                + "held fixed.");
        p.heading("The bound now");
        p.liveValues("schedule-live-values", liveValues(vm));
        p.equation("Each forward step adds noise of variance \u03b2_t (the curve you drag).",
                Term.of("q(x^{(t)}|x^{(t-1)}) = \\mathcal{N}\\big(x^{(t)};\\ \\sqrt{1-\\beta_t}\\,x^{(t-1)},"),
                Term.linked("\\beta_t I\\big)", PlotElement.BETA, "The diffusion rate at step t: the curve you drag"));
        p.equation("What is left of the signal after t steps (right axis, with the signal-to-noise ratio).",
                Term.linked("\\bar\\alpha_t = \\prod_{s=1}^{t}(1-\\beta_s)", PlotElement.ALPHA_BAR,
                        "The fraction of the data's signal left after t steps"),
                Term.linked("\\mathrm{SNR}_t = \\frac{\\bar\\alpha_t}{1-\\bar\\alpha_t}", PlotElement.SNR,
                        "Signal-to-noise ratio after t steps"));
        p.equation("The bound: the KL sum is the bars below; the entropy terms depend on the schedule alone.",
                Term.of("K = "),
                Term.linked("-\\sum_{t=2}^{T}\\mathbb{E}_q\\big[D_{KL}(q(x^{(t-1)}|x^{(t)},x^{(0)})\\,\\|\\,p(x^{(t-1)}|x^{(t)}))\\big]",
                        PlotElement.KL_TERMS, "One bar pair per step: trained schedule and edited schedule"),
                Term.of("+ H_q(X^{(T)}|X^{(0)}) - H_q(X^{(1)}|X^{(0)}) - H_p(X^{(T)})"));
        p.equation("The paper's entropy bounds: whatever the network does, the best reverse step's variance lies in "
                        + "this band (the shaded band of the variance chart).",
                Term.linked("\\tilde\\beta_t = \\beta_t\\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t} \\;\\le\\; \\Sigma_t \\;\\le\\; \\beta_t",
                        PlotElement.ENTROPY_BOUNDS, "The band between posterior variance and \u03b2_t"));
        p.equation(null, Term.linked("f_\\Sigma(x^{(t)}, t)", PlotElement.REVERSE_VARIANCE,
                "The model's reverse variance, the line inside the band"));

        p.heading("On the charts");
        p.legend(PlotElement.BETA, "series-beta", "\u03b2_t (edited) and control points",
                "The schedule you are editing; drag a round point to change it. The model's current and starting "
                        + "schedules are drawn beside it.");
        p.legend(PlotElement.ALPHA_BAR, "series-abar", "\u1fb1_t", "The signal left after t steps (right axis).");
        p.legend(PlotElement.SNR, "series-snr", "SNR", "Signal-to-noise ratio after t steps (right axis).");
        p.legend(PlotElement.KL_TERMS, "series-kl", "Per-step KL bars",
                "For each step, the bits the bound loses with the trained schedule and with yours.");
        p.legend(PlotElement.BEST_KERNEL, "line-ceiling", "Best-kernel dashes",
                "The KL of the best possible Gaussian reverse step under your schedule: the floor for that bar.");
        p.legend(PlotElement.ENTROPY_BOUNDS, "series-beta-start", "Entropy-bound band",
                "Where the reverse variance must lie (posterior variance to \u03b2_t).");
        p.legend(PlotElement.REVERSE_VARIANCE, "series-beta-model", "Model's \u03a3_t",
                "The network's reverse variance, averaged over holdout points.");

        p.heading("Try this");
        p.paragraph("Drag the point near t = 20 up: the forward previews lose the roll sooner and the bars after it "
                + "grow. Choose the linear or constant preset and compare K. Then press \"Fine-tune on this schedule\" "
                + "to let the network adapt to your schedule.");
        return p;
    }

    static StringBinding liveValues(ScheduleViewModel vm) {
        return Bindings.createStringBinding(() -> {
            ScheduleWork.Bounds b = vm.boundsProperty().get();
            if (b == null || b.trained() == null) {
                return "K\\ \\text{(computing)}";
            }
            double trained = b.trained().kBits();
            String s = String.format(Locale.ROOT, "K_{trained} = %s", number(trained));
            if (b.edited() != null) {
                s += String.format(Locale.ROOT, "\\quad K_{edited} = %s\\quad \\Delta = %s", number(b.edited().kBits()),
                        number(b.edited().kBits() - trained));
            }
            return s + "\\ \\text{bits}";
        }, vm.boundsProperty());
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.3f", v).replace("-", "{-}") : "?";
    }
}
