package org.diffusionlab.app.train;

import static org.diffusionlab.app.train.FormParts.caption;
import static org.diffusionlab.app.train.FormParts.field;
import static org.diffusionlab.app.train.FormParts.section;
import static org.diffusionlab.app.train.FormParts.tip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Predicate;

import javafx.application.Platform;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.diffusionlab.app.train.TrainLogic.BudgetKind;
import org.diffusionlab.app.explain.ChartGuide;
import org.diffusionlab.app.explain.ExplanationPanel;
import org.diffusionlab.app.explain.HighlightHub;
import org.diffusionlab.app.ui.ChartRedraws;
import org.diffusionlab.app.ui.PaneLayout;
import org.diffusionlab.app.ui.Palette;
import org.diffusionlab.data.Datasets;
import org.diffusionlab.data.Heartbeat;
import org.diffusionlab.engine.binomial.BinomialSnapshot;
import org.diffusionlab.engine.binomial.BoundEstimate;
import org.diffusionlab.engine.binomial.Parameterisation;
import org.diffusionlab.engine.train.TrainingConfig;

/**
 * The Train pane when it trains binomial diffusion on the binary heartbeat (the paper's second toy experiment): the
 * run's settings, the run controls, the live K plot in bits per sequence with the paper's K, the best any per-bin
 * Bernoulli kernel can do (the factorised ceiling) and the truth drawn as lines, the per-step KL terms, and the figures
 * side by side. Everything it shows comes from the view model's snapshots; it computes nothing.
 */
public final class BinomialTrainView extends BorderPane {

    /** The figures card's note wraps at this width; the plots' narrowest (they scroll below it). */
    private static final double NOTE_WIDTH = 300;
    private static final double MIN_PLOTS_WIDTH = 640;

    private static final double FORM_WIDTH = 300;

    private final BinomialTrainViewModel vm;
    private final ChartRedraws redraws = new ChartRedraws();
    private final KChart kChart = new KChart(redraws, "bits per sequence");
    private final StepChart stepChart = new StepChart(redraws, "bits per sequence");
    private final HighlightHub highlights = new HighlightHub();
    private final ExplanationPanel explanation;
    private final Palette palette = new Palette("chart-background", "chart-plot", "chart-grid", "chart-text",
            "series-batch", "series-holdout", "series-loglik", "series-kl", "line-ceiling", "line-null", "line-paper",
            "line-truth");
    private final Label kFigure = figure("binary-k");
    private final Label kMinusNull = figure("binary-k-minus-null");
    private final Label ceilingFigure = figure("binary-ceiling");
    private final Label gapFigure = figure("binary-gap");
    private final ResetGuard guard;
    private Consumer<String> onPointsDataset = id -> { };
    private double ceilingShown = Double.NaN;

    public BinomialTrainView(BinomialTrainViewModel vm) {
        this.vm = vm;
        this.guard = new ResetGuard(vm);
        getStyleClass().addAll("train-view", "binary-train-view");
        setId("binary-train-view");
        setLeft(FormParts.formScroll(buildForm(), FORM_WIDTH));
        setCenter(buildPlots());
        getChildren().add(palette);
        ChartGuide.of(kChart.viewer()).connect(highlights);
        ChartGuide.of(stepChart.viewer()).connect(highlights);
        explanation = HeartbeatExplanation.build(highlights);

        kChart.withoutLogLikelihood();
        // the truth lies just above the ceiling (a few pixels on a wide axis): the ceiling's label goes below its line
        kChart.setCeilingLabel("factorised ceiling (best per-bin Bernoulli kernel)", "The bound of the best possible "
                + "reverse kernel that gives each bin its own coin (Bernoulli probability), on the same holdout draws: "
                + "a network of this form can approach it, never beat it.", false);
        kChart.addReference(String.format(Locale.ROOT, "paper %.3f", Heartbeat.PAPER_K_BITS), "The paper's K for the "
                + "heartbeat (Table 1), bits per sequence.", Heartbeat.PAPER_K_BITS, "line-paper", false);
        kChart.addReference(String.format(Locale.ROOT, "truth log\u2082(1/5) = %.3f", Heartbeat.trueLogLikelihoodBits()),
                "The true log-likelihood: each of the 5 heartbeat sequences has probability 1/5. No model scores higher.",
                Heartbeat.trueLogLikelihoodBits(), "line-truth", true);

        vm.snapshotProperty().addListener((o, a, s) -> show(s));
        sceneProperty().addListener((o, a, s) -> {
            if (s != null) {
                restyle();
            }
        });
        show(vm.snapshotProperty().get());
    }

    /** How the pane asks before discarding training (the window shows a dialog; tests may answer directly). */
    public void setConfirmation(Predicate<String> confirm) {
        guard.setConfirmation(confirm);
    }

    /** Called with a 2-D data set's id when the user chooses one in the data-set list (the window switches back). */
    public void setOnPointsDatasetChosen(Consumer<String> handler) {
        this.onPointsDataset = handler;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Form

    private Node buildForm() {
        VBox box = new VBox();
        box.getStyleClass().add("train-form");
        RunControls run = new RunControls(vm.progress(), vm::start, vm::pause, vm::step, this::askAndReset);

        List<String> sets = new ArrayList<>(TrainingConfig.DATASETS);
        sets.add(Heartbeat.NAME);
        ComboBox<String> dataset = new ComboBox<>(FXCollections.observableArrayList(sets));
        dataset.setId("binary-dataset");
        dataset.setConverter(new StringConverter<>() {
            @Override
            public String toString(String name) {
                return Datasets.displayName(name);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        dataset.setValue(Heartbeat.NAME);
        dataset.valueProperty().addListener((o, a, b) -> {
            if (b != null && !Heartbeat.NAME.equals(b)) {
                Platform.runLater(() -> dataset.setValue(Heartbeat.NAME));   // this pane always trains the heartbeat
                onPointsDataset.accept(b);
            }
        });
        Label about = new Label("Sequences of " + Heartbeat.LENGTH + " bins with a 1 in every " + Heartbeat.PERIOD
                + "th bin; the phase is uniform, so there are " + Heartbeat.PERIOD + " equally likely sequences. "
                + "Diffused by the binomial kernel, \u03b2_t = 1/(T \u2212 t + 1).");
        about.setWrapText(true);
        about.getStyleClass().add("form-note");

        TextField steps = text("binary-steps", vm.stepsProperty(), true);
        TextField network = text("binary-network", vm.networkProperty(), true);
        TextField bumps = text("binary-bumps", vm.bumpsProperty(), true);
        ComboBox<Parameterisation> param = new ComboBox<>(FXCollections.observableArrayList(Parameterisation.values()));
        param.setId("binary-parameterisation");
        param.valueProperty().bindBidirectional(vm.parameterisationProperty());
        param.setConverter(new StringConverter<>() {
            @Override
            public String toString(Parameterisation p) {
                return p == null ? "" : p.label();
            }

            @Override
            public Parameterisation fromString(String s) {
                return Parameterisation.fromLabel(s);
            }
        });
        param.valueProperty().addListener((o, a, b) -> guard.commitStructural());
        TextField lr = text("binary-learning-rate", vm.learningRateProperty(), false);
        TextField batch = text("binary-batch-size", vm.batchSizeProperty(), false);
        TextField seed = text("binary-seed", vm.seedProperty(), true);
        ComboBox<BudgetKind> budgetKind = new ComboBox<>(FXCollections.observableArrayList(BudgetKind.values()));
        budgetKind.setId("binary-budget-kind");
        budgetKind.valueProperty().bindBidirectional(vm.budgetKindProperty());
        TextField budget = text("binary-budget", vm.budgetValueProperty(), false);
        budget.setPromptText("iterations or seconds");
        var locked = vm.progress().structureLockedProperty();
        budget.disableProperty().bind(vm.budgetKindProperty().isEqualTo(BudgetKind.NONE).or(locked));
        budgetKind.disableProperty().bind(locked);
        for (Node structural : List.of(dataset, steps, network, bumps, param, seed)) {
            structural.disableProperty().bind(locked);
        }

        tip(dataset, "The binary heartbeat is the paper's second toy experiment; choose a 2-D data set to go back to "
                + "Gaussian diffusion (this run is kept).");
        tip(steps, "T, the number of diffusion steps: 2 to 10000 (the paper: 2000). Changing it starts a new run.");
        tip(network, "Hidden layers as KIND:W,W,\u2026 with KIND tanh or sigmoid, e.g. tanh:64,64 (the paper's "
                + "network is sigmoid:50,50,50). Changing it starts a new run.");
        tip(bumps, "J, the smooth temporal bump functions that mix the outputs over t (1 to 64). Changing it starts "
                + "a new run.");
        tip(param, "How the network's output becomes the reverse kernel: x0 predicts the data and takes the "
                + "posterior's form; logit-offset adds to the forward kernel's own logit. Changing it starts a new run.");
        tip(lr, "Adam's step size: a number in (0, 1], e.g. 0.003. Applies at once, without a reset.");
        tip(batch, "Rows (a sequence, a step t, a noisy x_t) per iteration: 1 to 65536. Applies at once.");
        tip(seed, "Seed of every random choice: the same settings and seed give the same numbers. Changing it "
                + "starts a new run.");
        tip(budgetKind, "Stop by itself after a number of iterations or seconds of training, or never.");
        tip(budget, "Iterations: a whole number of at least 1. Seconds: more than 0 (training time; pauses do not count).");

        box.getChildren().addAll(
                section("Run"), run,
                section("Data"), field("Data set", dataset, null), about,
                section("Model"), field("Steps T", steps, vm.stepsError()),
                field("Hidden layers", network, vm.networkError()),
                field("Temporal bumps J", bumps, vm.bumpsError()), field("Kernel parameterisation", param, null),
                section("Optimiser (Adam)"), field("Learning rate", lr, vm.learningRateError()),
                field("Batch size (rows)", batch, vm.batchSizeError()), field("Seed", seed, vm.seedError()),
                section("Budget"), field("Stop after", budgetKind, null), field("Budget", budget, vm.budgetError()));
        return box;
    }

    private TextField text(String id, StringProperty property, boolean structural) {
        return FormParts.textField(id, property, structural ? guard::commitStructural : null);
    }

    /** Reset, asking first if training would be lost. */
    public void askAndReset() {
        guard.askAndReset();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Plots and figures

    private static Label figure(String id) {
        Label l = new Label("\u2013");
        l.setId(id);
        l.getStyleClass().add("stat-value");
        return l;
    }

    /** The K plot over the per-step terms and the figures card (see PaneLayout: the body fits, then scrolls). */
    private Node buildPlots() {
        kChart.viewer().setMinSize(320, 220);
        stepChart.viewer().setMinSize(240, 180);
        GridPane figures = new GridPane();
        figures.getStyleClass().addAll("stats", "binary-figures");
        figures.setId("binary-figures");
        Label paper = figure("binary-paper");
        paper.setText(String.format(Locale.ROOT, "%.3f bits", Heartbeat.PAPER_K_BITS));
        Label truth = figure("binary-truth");
        truth.setText(String.format(Locale.ROOT, "%.3f bits", Heartbeat.trueLogLikelihoodBits()));
        Label nullBits = figure("binary-null");
        nullBits.setText(String.format(Locale.ROOT, "%.3f bits", Heartbeat.nullLogLikelihoodBits()));
        figures.addRow(0, caption("K, holdout (\u00b1 s.e.)"), kFigure);
        figures.addRow(1, caption("K \u2212 L_null"), kMinusNull);
        figures.addRow(2, caption("Factorised ceiling (\u00b1 s.e.)"), ceilingFigure);
        figures.addRow(3, caption("K below the ceiling"), gapFigure);
        figures.addRow(4, caption("Paper's K (Table 1)"), paper);
        figures.addRow(5, caption("True log-likelihood"), truth);
        figures.addRow(6, caption("L_null (independent bins)"), nullBits);
        Label title = new Label("Bits per sequence");
        title.getStyleClass().add("cloud-caption");
        Label note = new Label("The ceiling is the bound of the best possible reverse kernel that gives each bin its "
                + "own Bernoulli probability, on the same holdout draws: no network of this family can beat it.");
        note.setWrapText(true);
        note.getStyleClass().add("form-note");
        note.setMinHeight(Region.USE_PREF_SIZE);
        for (javafx.scene.Node n : figures.getChildren()) {
            ((Region) n).setMinWidth(Region.USE_PREF_SIZE);        // a figure is never cut short
        }
        VBox card = new VBox(title, figures, note);
        card.getStyleClass().add("binary-figures-card");
        card.setMinWidth(Region.USE_PREF_SIZE);         // as wide as its figures, never narrower
        note.setMaxWidth(NOTE_WIDTH);
        HBox bottom = new HBox(8, stepChart.viewer(), card);
        HBox.setHgrow(stepChart.viewer(), Priority.ALWAYS);
        VBox plots = new VBox(8, kChart.viewer(), bottom);
        VBox.setVgrow(kChart.viewer(), Priority.ALWAYS);
        VBox.setVgrow(bottom, Priority.ALWAYS);
        plots.getStyleClass().add("plots");
        return PaneLayout.body(plots, MIN_PLOTS_WIDTH);
    }

    private void show(BinomialSnapshot s) {
        if (s == null) {
            return;
        }
        kChart.showHistory(s.history());
        kChart.setFloor(floorFor(s.history()));
        BoundEstimate k = s.holdout();
        BoundEstimate c = s.ceiling();
        if (k != null) {
            stepChart.show(k.perStepKlBits());
            kFigure.setText(String.format(Locale.ROOT, "%.3f \u00b1 %.3f bits", k.kBits(), k.standardErrorBits()));
            kMinusNull.setText(String.format(Locale.ROOT, "%.3f bits", k.kBits() - Heartbeat.nullLogLikelihoodBits()));
        }
        if (c != null) {
            ceilingFigure.setText(String.format(Locale.ROOT, "%.3f \u00b1 %.3f bits", c.kBits(), c.standardErrorBits()));
            if (c.kBits() != ceilingShown) {
                ceilingShown = c.kBits();
                kChart.setCeiling(c.kBits());
            }
            if (k != null) {
                gapFigure.setText(String.format(Locale.ROOT, "%.3f bits", c.kBits() - k.kBits()));
            }
        }
    }

    /**
     * Where the K axis stops below: an untrained model lies tens of bits lower, so the axis follows the second half of
     * the curve (with some room) and never reaches more than 4 bits below the paper's figure; once trained, the band
     * around the paper's K, the ceiling and the truth fills the plot.
     */
    static double floorFor(java.util.List<org.diffusionlab.engine.train.HistoryPoint> history) {
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = history.size() / 2; i < history.size(); i++) {
            double k = history.get(i).holdoutKBits();
            if (Double.isFinite(k)) {
                lowest = Math.min(lowest, k);
            }
        }
        double floor = Heartbeat.PAPER_K_BITS - 4;
        return Double.isFinite(lowest) ? Math.max(floor, Math.min(lowest - 0.3, Heartbeat.PAPER_K_BITS - 0.3)) : floor;
    }

    /** Re-reads the chart colours from the stylesheet (after a theme change). */
    public void restyle() {
        kChart.style(palette);
        stepChart.style(palette);
    }

    // ------------------------------------------------------------------------------------------------------------
    // For export and tests

    public void flushRedraws() {
        redraws.flush();
    }

    public BinomialTrainViewModel viewModel() {
        return vm;
    }

    /** Whether the K plot's "factorised ceiling" label sits above its line (it must not: the truth is there). */
    public boolean ceilingLabelAbove() {
        return kChart.ceilingLabelAbove();
    }

    /** The charts that can be exported as PNG, with a file-name stem. */
    public List<TrainView.Exportable> exportables() {
        return List.of(new TrainView.Exportable("Heartbeat K plot", "heartbeat-k-curve", kChart.viewer(), kChart.chart()),
                new TrainView.Exportable("Heartbeat per-step KL plot", "heartbeat-per-step-kl", stepChart.viewer(),
                        stepChart.chart()));
    }

    public int kPointCount() {
        return kChart.pointCount();
    }

    public int referenceLineCount() {
        return kChart.referenceCount();
    }

    public int klBarCount() {
        return stepChart.barCount();
    }

    /** What this pane shows, in words and equations (the window puts it in the pane's drawer). */
    public ExplanationPanel explanation() {
        return explanation;
    }
}
