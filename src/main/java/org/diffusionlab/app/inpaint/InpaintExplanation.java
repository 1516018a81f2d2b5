package org.diffusionlab.app.inpaint;

import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import org.diffusionlab.app.explain.ExplanationPanel;
import org.diffusionlab.app.explain.HighlightHub;
import org.diffusionlab.app.explain.PlotElement;
import org.diffusionlab.app.explain.Term;

/**
 * The Inpaint pane's explanation: multiplying the model's distribution by r(x) (the paper's section 2.5), how
 * clamping fills a mask and how a Gaussian r denoises, with the step shown and the mode in use.
 */
final class InpaintExplanation {

    private InpaintExplanation() {
    }

    static ExplanationPanel build(InpaintViewModel vm, HighlightHub hub) {
        ExplanationPanel p = new ExplanationPanel("Inpainting: multiplying the model by what you know", hub);
        p.paragraph("A trained diffusion model can be asked for images that agree with something you know: some "
                + "pixels (the ones you did not paint over), or a noisy version of the image. The paper multiplies the "
                + "model's distribution by a function r(x) that is large where the image agrees, and runs the reverse "
                + "process with every step multiplied by r. The network is not retrained.");
        p.heading("Now");
        p.liveValues("inpaint-live-values", liveValues(vm));
        p.equation("What we want: the model's images, weighted by how well they agree with what is known.",
                Term.of("\\tilde p(x^{(0)}) \\propto p(x^{(0)})\\,"),
                Term.linked("r(x^{(0)})", PlotElement.CONDITION, "What is known: the pixels outside the mask, or the noisy image"));
        p.equation("How it is done: each reverse step is multiplied by r (for a smooth r the paper shows this is a small "
                        + "change of each step).",
                Term.of("\\tilde p(x^{(t-1)}|x^{(t)}) \\propto p(x^{(t-1)}|x^{(t)})\\,"),
                Term.linked("r(x^{(t-1)})", PlotElement.CONDITION, "The same r at every step"));
        p.equation("Fill the mask: r keeps the known pixels. At every step their mean is set to the observed value and "
                        + "their variance to 0; only the painted pixels are sampled.",
                Term.of("x_i^{(t-1)} = x_i^{\\text{observed}}\\ \\ (i\\ \\text{kept}),"),
                Term.of("x_i^{(t-1)} \\sim p(x_i^{(t-1)}|x^{(t)})\\ \\ (i\\ \\text{masked})"));
        p.equation("Denoise: r is a Gaussian around the noisy observation y, and the product of two Gaussians is exact.",
                Term.of("r(x) = \\mathcal{N}(x;\\ y,\\ \\sigma^2 I):"),
                Term.of("\\tilde\\mu = \\frac{\\sigma^2\\mu + \\Sigma\\, y}{\\sigma^2 + \\Sigma},"),
                Term.of("\\tilde\\Sigma = \\frac{\\sigma^2\\Sigma}{\\sigma^2+\\Sigma}"));

        p.heading("On the pane");
        p.legend(PlotElement.CONDITION, "inpaint-brush", "Painted mask",
                "The pixels the model must fill. Everything outside the mask is r's known part.");
        p.legend(null, "inpaint-outline", "Fills",
                "One or four fills from different random seeds: each is a different image that agrees with what you "
                        + "kept. Their differences show what the model is unsure of.");
        p.legend(null, "inpaint-crop", "The t slider",
                "Replays the fill: at t = T the masked pixels are pure noise, at t = 0 the result.");

        p.heading("Try this");
        p.paragraph("Paint over the middle of a digit and press Fill: do the four fills agree? Paint a larger mask "
                + "and see the fills disagree more. Switch to Denoise and raise \u03c3: the result gets smoother.");
        return p;
    }

    static StringBinding liveValues(InpaintViewModel vm) {
        return Bindings.createStringBinding(() -> {
            FillResult r = vm.resultProperty().get();
            String mode = vm.modeProperty().get() == Mode.DENOISE
                    ? String.format(Locale.ROOT, "\\text{denoise},\\ \\sigma = %.2f", vm.sigmaProperty().get())
                    : "\\text{fill the mask}";
            String t = r == null ? "\\text{no fill yet}"
                    : String.format(Locale.ROOT, "t = %d\\ \\text{of}\\ T = %d", vm.tProperty().get(), r.steps());
            return mode + "\\quad " + t;
        }, vm.resultProperty(), vm.modeProperty(), vm.sigmaProperty(), vm.tProperty());
    }
}
