package org.diffusionlab.app.train;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import org.diffusionlab.app.explain.ExplanationPanel;
import org.diffusionlab.app.explain.HighlightHub;
import org.diffusionlab.app.explain.PlotElement;
import org.diffusionlab.app.explain.Term;

/**
 * The 2-D Train pane's explanation: the run's figures and where its bits go, the paper's equations with this run's
 * values, and a legend row for every line, marker and bar on the pane's charts.
 */
final class TrainExplanation {

    private TrainExplanation() {
    }

    static ExplanationPanel build(TrainFigures f, HighlightHub hub, Runnable usePaperSetup) {
        ExplanationPanel p = new ExplanationPanel("Training: the model learns to undo diffusion", hub);
        p.paragraph("The forward process adds a little Gaussian noise at each of T steps until the points are pure "
                + "noise. A small neural network learns the reverse step: given a noisy point at step t, where was it "
                + "one step earlier? Training pushes up K, a lower bound on how likely the model finds the data "
                + "(in bits per point: higher is better).");

        p.heading("This run in numbers");
        GridPane card = ExplanationPanel.figures();
        card.setId("train-figures");
        row(card, 0, "K, holdout (now)", f.holdoutKProperty(), "The bound on points the model never trains on");
        row(card, 1, "K \u00b1 s.e. (500 points)", f.evaluatedKProperty(), "K re-estimated with its standard error every ~10 s");
        row(card, 2, "K \u2212 L_null", f.kMinusNullProperty(), "How much better than plain noise the model explains the data");
        row(card, 3, "Log-likelihood (IS)", f.logLikelihoodProperty(), "The true log-likelihood, estimated by importance sampling: always at or above K");
        row(card, 4, "Best Gaussian kernel", f.bestKernelProperty(), "The bound of the best possible reverse kernel under this schedule: no network beats it");
        row(card, 5, "Data ceiling", f.ceilingProperty(), "The best any model with this fixed last step can reach");
        row(card, 6, "L_null", f.nullBitsProperty(), "Log-likelihood under the unit Gaussian alone");
        row(card, 7, "Paper (Table 1)", new javafx.beans.property.SimpleStringProperty(String.format(java.util.Locale.ROOT,
                "%.2f bits (K \u2212 L_null %.2f)", TrainFigures.PAPER_K_BITS, TrainFigures.PAPER_K_MINUS_NULL_BITS)),
                "Sohl-Dickstein et al. 2015, swiss roll");
        p.add(card);
        p.heading("Where the bits go");
        GridPane gaps = ExplanationPanel.figures();
        gaps.setId("train-gaps");
        row(gaps, 0, "Network \u2192 best kernel", f.networkGapProperty(), "What a better network or longer training could still win");
        row(gaps, 1, "Best kernel \u2192 ceiling", f.kernelGapProperty(), "What no diagonal Gaussian reverse step can win: the kernel's form costs it");
        p.add(gaps);
        Label why = new Label();
        why.setId("train-paper-comparison");
        why.getStyleClass().add("explain-note");
        why.setWrapText(true);
        why.textProperty().bind(f.comparisonProperty());
        p.add(why);
        Button paper = new Button("Switch to the paper's setup");
        paper.setId("use-paper-setup");
        paper.setTooltip(new Tooltip("Noise-free roll, \u03b2\u2081 = 10\u207b\u2075, T = 40, learned \u03b2, the large network "
                + "(asks first if training would be lost); then press Start"));
        paper.setOnAction(e -> usePaperSetup.run());
        p.add(paper);

        p.heading("The equations, with this run's values");
        p.liveValues("train-live-values", f.liveLatexProperty());
        p.equation("Forward step: shrink the point a little and add noise of variance \u03b2_t.",
                Term.of("q(x^{(t)}|x^{(t-1)}) = \\mathcal{N}\\big(x^{(t)};\\ \\sqrt{1-\\beta_t}\\,x^{(t-1)},\\ \\beta_t I\\big)"));
        p.equation("Reverse step: the network gives a mean f_\u03bc and a (diagonal) variance f_\u03a3 for each point and step.",
                Term.of("p(x^{(t-1)}|x^{(t)}) = \\mathcal{N}\\big(x^{(t-1)};\\ "),
                new Term("f_\\mu(x^{(t)},t),", null, "The mean: where the point most likely was one step earlier"),
                new Term("f_\\Sigma(x^{(t)},t)\\big)", null, "The variance: how unsure the network is"));
        p.equation("The bound: hover a term to see what it draws. The KL sum is the bars below the K plot; the entropy "
                + "terms depend on the schedule only.",
                Term.linked("K", PlotElement.K_HOLDOUT, "The bound K, drawn against the iteration (holdout: thick line)"),
                Term.of("="),
                Term.linked("-\\sum_{t=2}^{T} \\mathbb{E}_q\\Big[D_{KL}\\big(q(x^{(t-1)}|x^{(t)},x^{(0)})\\,\\|\\,p(x^{(t-1)}|x^{(t)})\\big)\\Big]",
                        PlotElement.KL_TERMS, "One KL term per reverse step t = 2..T: the bars of the per-step chart"),
                Term.of("+\\,H_q(X^{(T)}|X^{(0)}) - H_q(X^{(1)}|X^{(0)}) - H_p(X^{(T)})"));
        p.equation("Why K has a ceiling: K bounds the model's log-likelihood from below, and since the first reverse step "
                        + "is fixed to the forward one, no model can score better than the data seen through that step.",
                Term.linked("K", PlotElement.K_HOLDOUT, "The bound"),
                Term.of("\\le"),
                Term.linked("\\mathbb{E}\\big[\\log_2 p(x^{(0)})\\big]", PlotElement.LOG_LIKELIHOOD,
                        "The log-likelihood, estimated by importance sampling (the dots)"),
                Term.of("\\le"),
                Term.linked("\\mathbb{E}\\big[\\log_2 (q * T_{\\beta_1})(x^{(0)})\\big]", PlotElement.CEILING,
                        "The data ceiling: the data's density blurred by the fixed first step (dashed line)"));
        p.equation("L_null: what the data score under pure noise N(0, I), d = 2 dimensions.",
                Term.linked("L_{null} = -\\tfrac{d}{2}\\log_2(2\\pi e) + \\ldots", PlotElement.L_NULL,
                        "The dashed L_null line: K above it means the model has learned something"));

        p.heading("On the charts");
        p.legend(PlotElement.K_HOLDOUT, "series-holdout", "K, holdout (thick line)",
                "The bound on a fixed set of points the model never trains on: the figure to watch.");
        p.legend(PlotElement.K_BATCH, "series-batch", "K, training batch (thin line)",
                "The same bound on the points of recent training steps: noisier, because each batch is small.");
        p.legend(PlotElement.LOG_LIKELIHOOD, "series-loglik", "Log-likelihood (dots)",
                "The model's true log-likelihood, estimated by importance sampling over forward paths every ~10 s. It "
                        + "lies above K: K is a lower bound on it.");
        p.legend(PlotElement.BEST_KERNEL, "line-ceiling", "Best Gaussian kernel (triangles)",
                "The bound of the best possible diagonal Gaussian reverse step under the schedule of the moment "
                        + "(computed from the roll's known density). The network's K can approach it, never beat it.");
        p.legend(PlotElement.CEILING, "line-ceiling", "Data ceiling (dashed)",
                "The log-likelihood of the data themselves, through the fixed first step: no model scores above it.");
        p.legend(PlotElement.L_NULL, "line-null", "L_null (dashed)",
                "The log-likelihood under the unit Gaussian: a model that has learned nothing.");
        p.legend(PlotElement.KL_TERMS, "series-kl", "Per-step KL bars",
                "How many bits each reverse step t still loses on the holdout. Tall bars are the steps the network "
                        + "finds hardest.");
        p.legend(null, "cloud-model", "Model samples",
                "2,000 points drawn by running the reverse process from noise with the model of the moment.");
        p.legend(null, "cloud-data", "Data", "A sample of the training data, for comparison.");

        p.heading("Try this");
        p.paragraph("Press Start (F5) and watch K climb towards the triangles. Pause, then press Step (F7) to see one "
                + "iteration. Untick \"learned \u03b2\" to train with a fixed schedule and compare where K ends.");
        return p;
    }

    private static void row(GridPane g, int r, String name, ObservableStringValue value, String tip) {
        Label n = new Label(name);
        n.getStyleClass().add("stat-caption");
        n.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);      // the value wraps; the name is never cut
        n.setTooltip(new Tooltip(tip));
        Label v = new Label();
        v.getStyleClass().add("stat-value");
        v.textProperty().bind(value);
        v.setWrapText(true);
        g.addRow(r, n, v);
    }
}
