package org.diffusionlab.app.train;

import java.util.List;
import java.util.function.Predicate;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import static org.diffusionlab.app.train.FormParts.field;
import static org.diffusionlab.app.train.FormParts.section;
import static org.diffusionlab.app.train.FormParts.tip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.diffusionlab.app.explain.ChartGuide;
import org.diffusionlab.app.explain.ExplanationPanel;
import org.diffusionlab.app.explain.HighlightHub;
import org.diffusionlab.app.train.TrainLogic.BudgetKind;
import org.diffusionlab.app.ui.ChartRedraws;
import org.diffusionlab.app.ui.PaneLayout;
import org.diffusionlab.app.ui.Palette;
import org.diffusionlab.app.ui.PointCloud;
import org.diffusionlab.engine.model.KernelForm;
import org.diffusionlab.engine.train.OptimizerKind;
import org.diffusionlab.engine.train.Snapshot;
import org.diffusionlab.engine.train.TrainingConfig;
import org.jfree.chart.JFreeChart;
import org.diffusionlab.data.Datasets;
import org.jfree.chart.fx.ChartViewer;

/**
 * The Train pane: the run's settings (each validated at the control, with the reason shown beside it), the
 * Start / Pause / Step / Reset buttons with progress, the live K plot, the per-step KL bars and thumbnails of the
 * model's samples beside the data. Everything it shows comes from the view model's snapshots; it computes nothing.
 */
public final class TrainView extends BorderPane {

    private static final double FORM_WIDTH = 300;
    /** The plots' narrowest: below it they scroll (see PaneLayout). */
    private static final double MIN_PLOTS_WIDTH = 460;

    private final TrainViewModel vm;
    private final ChartRedraws redraws = new ChartRedraws();
    private final KChart kChart = new KChart(redraws);
    private final StepChart stepChart = new StepChart(redraws);
    private final PointCloud samples = new PointCloud();
    private final PointCloud data = new PointCloud();
    private final Label samplesCaption = new Label("Model samples");
    private final Label dataCaption = new Label("Data");
    private final Palette palette = new Palette("chart-background", "chart-plot", "chart-grid", "chart-text",
            "series-batch", "series-holdout", "series-loglik", "series-kl", "line-ceiling", "line-null",
            "cloud-background", "cloud-model", "cloud-data", "cloud-frame");
    private final ResetGuard guard;
    private final HighlightHub highlights = new HighlightHub();
    private final ExplanationPanel explanation;
    private Runnable onHeartbeatChosen = () -> { };

    Button start;
    Button pause;
    Button step;
    Button reset;

    public TrainView(TrainViewModel vm) {
        this.vm = vm;
        this.guard = new ResetGuard(vm);
        getStyleClass().add("train-view");
        setId("train-view");

        setLeft(FormParts.formScroll(buildForm(), FORM_WIDTH));
        setCenter(buildPlots());
        getChildren().add(palette);
        ChartGuide.of(kChart.viewer()).connect(highlights);
        ChartGuide.of(stepChart.viewer()).connect(highlights);
        explanation = TrainExplanation.build(new TrainFigures(vm), highlights, this::usePaperSetup);

        vm.snapshotProperty().addListener((o, a, s) -> show(s));
        vm.analysis().logLikelihoods().addListener((ListChangeListener<TrainAnalysis.LogLikelihoodPoint>) c ->
                kChart.setLogLikelihoods(vm.analysis().logLikelihoods()));
        vm.analysis().samplesProperty().addListener((o, a, s) -> {
            samples.setPoints(s == null ? null : s.xy());
            samplesCaption.setText(s == null ? "Model samples" : String.format("Model samples (iteration %,d)", s.iteration()));
        });
        vm.analysis().dataProperty().addListener((o, a, d) -> showData(d));
        kChart.setNull(vm.analysis().nullBitsProperty().get());
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

    /** Called when the user chooses the binary heartbeat in the data-set list (the window swaps panes). */
    public void setOnHeartbeatChosen(Runnable handler) {
        this.onHeartbeatChosen = handler;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Form

    private Node buildForm() {
        VBox box = new VBox();
        box.getStyleClass().add("train-form");

        RunControls run = new RunControls(vm.progress(), vm::start, vm::pause, vm::step, this::askAndReset);
        start = run.start;
        pause = run.pause;
        step = run.step;
        reset = run.reset;

        // Data
        List<String> sets = new java.util.ArrayList<>(TrainingConfig.DATASETS);
        sets.add(org.diffusionlab.data.Heartbeat.NAME);      // binary data: the window swaps in the heartbeat pane
        ComboBox<String> dataset = new ComboBox<>(FXCollections.observableArrayList(sets));
        dataset.setId("dataset");
        dataset.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String name) {
                return Datasets.displayName(name);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        // The button shows the value's name itself: the skin does not refresh its cell when a value that joined the
        // list a moment before is chosen while the pane is hidden (user data from the Trajectory pane).
        javafx.scene.control.ListCell<String> datasetButton = new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(Datasets.displayName(dataset.getValue()));
            }
        };
        dataset.valueProperty().addListener((o, a, b) -> datasetButton.setText(Datasets.displayName(b)));
        dataset.setButtonCell(datasetButton);
        // user data (drawn on the Trajectory pane, or from an opened model) joins the list when chosen
        vm.datasetProperty().addListener((o, a, b) -> {
            if (b != null && !dataset.getItems().contains(b)) {
                dataset.getItems().add(b);
            }
        });
        dataset.setValue(vm.datasetProperty().get());
        vm.datasetProperty().addListener((o, a, b) -> dataset.setValue(b));
        dataset.valueProperty().addListener((o, a, b) -> {
            if (org.diffusionlab.data.Heartbeat.NAME.equals(b)) {
                // not a 2-D data set: keep this run as it is and let the window show the heartbeat's pane
                javafx.application.Platform.runLater(() -> dataset.setValue(vm.datasetProperty().get()));
                onHeartbeatChosen.run();
            } else if (b != null) {
                vm.datasetProperty().set(b);
            }
        });
        TextField noise = textField("noise", vm.noiseProperty(), true);

        // Model
        TextField steps = textField("steps", vm.stepsProperty(), true);
        ComboBox<String> schedule = new ComboBox<>(FXCollections.observableArrayList(TrainingConfig.SCHEDULES));
        schedule.setId("schedule");
        // a run fine-tuned on the Schedule pane has its own betas ("custom"): the list shows that choice too
        vm.scheduleProperty().addListener((o, a, b) -> {
            if (b != null && !schedule.getItems().contains(b)) {
                schedule.getItems().add(b);
            }
        });
        if (vm.scheduleProperty().get() != null && !schedule.getItems().contains(vm.scheduleProperty().get())) {
            schedule.getItems().add(vm.scheduleProperty().get());
        }
        javafx.util.StringConverter<String> scheduleNames = new javafx.util.StringConverter<>() {
            @Override
            public String toString(String name) {
                return TrainingConfig.CUSTOM.equals(name) ? "custom (from the Schedule pane)" : name;
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        };
        schedule.setConverter(scheduleNames);
        // as the data set's: the button names the value itself (the skin misses a value that joined the list)
        javafx.scene.control.ListCell<String> scheduleButton = new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(scheduleNames.toString(schedule.getValue()));
            }
        };
        schedule.valueProperty().addListener((o, a, b) -> scheduleButton.setText(scheduleNames.toString(b)));
        schedule.setButtonCell(scheduleButton);
        schedule.valueProperty().bindBidirectional(vm.scheduleProperty());
        ComboBox<String> architecture = new ComboBox<>(FXCollections.observableArrayList(TrainViewModel.architectures()));
        architecture.setId("architecture");
        architecture.valueProperty().bindBidirectional(vm.architectureProperty());
        ComboBox<KernelForm> covariance = new ComboBox<>(FXCollections.observableArrayList(KernelForm.values()));
        covariance.setId("covariance");
        covariance.valueProperty().bindBidirectional(vm.covarianceProperty());
        CheckBox learnBeta = new CheckBox("Learn \u03b2\u2082 \u2026 \u03b2_T (as the paper)");
        learnBeta.setMnemonicParsing(false);
        learnBeta.setId("learn-beta");
        learnBeta.selectedProperty().bindBidirectional(vm.learnBetaProperty());

        // Optimiser
        ComboBox<OptimizerKind> optimizer = new ComboBox<>(FXCollections.observableArrayList(OptimizerKind.values()));
        optimizer.setId("optimizer");
        optimizer.valueProperty().bindBidirectional(vm.optimizerProperty());
        TextField lr = textField("learning-rate", vm.learningRateProperty(), false);
        TextField batch = textField("batch-size", vm.batchSizeProperty(), false);
        TextField seed = textField("seed", vm.seedProperty(), true);

        // Budget
        ComboBox<BudgetKind> budgetKind = new ComboBox<>(FXCollections.observableArrayList(BudgetKind.values()));
        budgetKind.setId("budget-kind");
        budgetKind.valueProperty().bindBidirectional(vm.budgetKindProperty());
        TextField budget = textField("budget", vm.budgetValueProperty(), false);
        budget.disableProperty().bind(vm.budgetKindProperty().isEqualTo(BudgetKind.NONE)
                .or(vm.structureLockedProperty()));
        budgetKind.disableProperty().bind(vm.structureLockedProperty());
        budget.setPromptText("iterations or seconds");

        for (Node structural : List.of(dataset, noise, steps, schedule, architecture, covariance, learnBeta, optimizer,
                seed)) {
            structural.disableProperty().bind(vm.structureLockedProperty());
        }
        for (ComboBox<?> c : List.of(dataset, schedule, architecture, covariance, optimizer)) {
            c.valueProperty().addListener((o, a, b) -> guard.commitStructural());
            c.setMaxWidth(Double.MAX_VALUE);
        }
        learnBeta.selectedProperty().addListener((o, a, b) -> guard.commitStructural());

        tip(dataset, "The data set to model, scaled to unit variance. The swiss roll is the paper's 2-D example; "
                + "draw your own on the Trajectory pane.");
        tip(noise, "Standard deviation of the noise added to the data, in its raw units (the roll's, a moon's "
                + "radius of 1); 0 to 5 (0 = the paper's noise-free roll). Changing it starts a new run.");
        tip(steps, "T, the number of diffusion steps: a whole number from 2 to 1000 (the paper uses 40 for the "
                + "swiss roll). Changing it starts a new run.");
        tip(schedule, "The schedule \u03b2_t starts from: released (the paper's code), linear, cosine or constant. "
                + "Changing it starts a new run.");
        tip(architecture, "The reverse-kernel network: default (64 RBF units with a per-step bias), paper "
                + "(16 RBF units), large (128 units). Changing it starts a new run.");
        tip(covariance, "The reverse kernel's covariance: DIAGONAL (the paper's form, one variance per axis) or FULL "
                + "(a 2\u00d72 covariance that can lie along the roll's slant; beyond the paper). Changing it starts a "
                + "new run.");
        tip(learnBeta, "Learn \u03b2\u2082..\u03b2_T by gradient ascent on K, as the paper does (\u03b2\u2081 stays "
                + "fixed). Changing it starts a new run.");
        tip(optimizer, "ADAM or RMSPROP. Changing it starts a new run.");
        tip(lr, "Optimiser step size: a number in (0, 1], e.g. 0.01 or 1e-3. Applies at once, without a reset.");
        tip(batch, "Data points per iteration: 1 to 65536 (each is diffused to every t = 2..T). "
                + "Applies at once, without a reset.");
        tip(seed, "Seed of every random choice (a whole number): the same settings and seed give the same numbers. "
                + "Changing it starts a new run.");
        tip(budgetKind, "Stop by itself after a number of iterations or seconds of training, or never.");
        tip(budget, "Iterations: a whole number of at least 1. Seconds: more than 0 (training time; pauses do not count).");

        box.getChildren().addAll(
                section("Run"), run,
                section("Data"), field("Data set", dataset, null), field("Noise (raw units)", noise, vm.noiseError()),
                section("Model"), field("Steps T", steps, vm.stepsError()), field("Schedule", schedule, null),
                field("Architecture", architecture, vm.architectureError()), field("Covariance", covariance, null),
                learnBeta,
                section("Optimiser"), field("Optimiser", optimizer, null),
                field("Learning rate", lr, vm.learningRateError()),
                field("Batch size (points)", batch, vm.batchSizeError()), field("Seed", seed, vm.seedError()),
                section("Budget"), field("Stop after", budgetKind, null), field("Budget", budget, vm.budgetError()));
        return box;
    }

    private TextField textField(String id, javafx.beans.property.StringProperty text, boolean structural) {
        return FormParts.textField(id, text, structural ? guard::commitStructural : null);
    }


    /** Reset, asking first if training would be lost. */
    public void askAndReset() {
        guard.askAndReset();
    }

    /** The form switches to the paper's Table 1 setup, asking first if training would be lost. */
    public void usePaperSetup() {
        if (guard.mayDiscard()) {
            vm.newRun(TrainingConfig.paper());
        }
    }

    /** What this pane shows, in words and equations (the window puts it in the pane's drawer). */
    public ExplanationPanel explanation() {
        return explanation;
    }

    /** Which chart element is pointed at (by an equation term, a legend row or the chart itself). */
    public HighlightHub highlights() {
        return highlights;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Plots

    private Node buildPlots() {
        GridPane grid = FormParts.plotGrid(50, 56);
        kChart.viewer().setMinSize(320, 200);
        stepChart.viewer().setMinSize(200, 160);

        grid.add(kChart.viewer(), 0, 0, 2, 1);
        grid.add(stepChart.viewer(), 0, 1);

        samples.setId("samples");
        data.setId("data");
        samplesCaption.setId("samples-caption");
        samplesCaption.getStyleClass().add("cloud-caption");
        dataCaption.getStyleClass().add("cloud-caption");
        VBox s = new VBox(samplesCaption, samples);
        VBox d = new VBox(dataCaption, data);
        for (VBox v : List.of(s, d)) {
            v.getStyleClass().add("cloud-box");
            v.setAlignment(Pos.TOP_CENTER);
            VBox.setVgrow(v.getChildren().get(1), Priority.ALWAYS);
            HBox.setHgrow(v, Priority.ALWAYS);
            v.setMinWidth(0);
        }
        for (Label caption : List.of(samplesCaption, dataCaption)) {
            caption.setWrapText(true);          // "Model samples (iteration 12,000)" wraps in a narrow window
            caption.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
            caption.setMinHeight(Region.USE_PREF_SIZE);
        }
        HBox clouds = new HBox(s, d);
        clouds.getStyleClass().add("clouds");
        grid.add(clouds, 1, 1);
        FormParts.growAll(grid);
        return PaneLayout.body(grid, MIN_PLOTS_WIDTH);
    }

    private void show(Snapshot s) {
        if (s == null) {
            return;
        }
        kChart.showHistory(s.history());
        stepChart.show(s.perStepKlBits());
    }

    private void showData(TrainAnalysis.DataView d) {
        if (d == null) {
            return;
        }
        double extent = 0;
        for (double[] p : d.points()) {
            extent = Math.max(extent, Math.max(Math.abs(p[0]), Math.abs(p[1])));
        }
        extent = Math.max(1, extent * 1.08);
        data.setExtent(extent);
        samples.setExtent(extent);
        data.setPoints(d.points());
        dataCaption.setText(String.format("Data (%s, noise %s)", Datasets.displayName(d.config().dataset()),
                d.config().noiseStd()));
        kChart.setCeiling(d.ceilingBits());
    }

    /** Re-reads the chart and canvas colours from the stylesheet (after a theme change). */
    public void restyle() {
        kChart.style(palette);
        stepChart.style(palette);
        samples.setColors(palette.color("cloud-background"), palette.color("cloud-model"), palette.color("cloud-frame"));
        data.setColors(palette.color("cloud-background"), palette.color("cloud-data"), palette.color("cloud-frame"));
    }

    // ------------------------------------------------------------------------------------------------------------
    // For export and tests

    /** Draws the charts' pending changes now (before a picture is taken of them). */
    public void flushRedraws() {
        redraws.flush();
    }

    /** Charts whose redraw waits for a coming pulse. */
    public int pendingRedraws() {
        return redraws.waiting();
    }

    public TrainViewModel viewModel() {
        return vm;
    }

    /** The chart viewers and canvases that can be exported as PNG, with a file-name stem. */
    public List<Exportable> exportables() {
        return List.of(new Exportable("K plot", "k-curve", kChart.viewer(), kChart.chart()),
                new Exportable("Per-step KL plot", "per-step-kl", stepChart.viewer(), stepChart.chart()),
                new Exportable("Model samples", "samples", samples, null),
                new Exportable("Data", "data", data, null));
    }

    /** Something the user can save as a picture. */
    public record Exportable(String title, String fileStem, Node node, JFreeChart chart) {
    }

    public int kPointCount() {
        return kChart.pointCount();
    }

    public int logLikelihoodCount() {
        return kChart.logLikelihoodCount();
    }

    public int bestKernelCount() {
        return kChart.bestKernelCount();
    }

    public int klBarCount() {
        return stepChart.barCount();
    }

    public int samplePointCount() {
        return samples.pointCount();
    }

    public int dataPointCount() {
        return data.pointCount();
    }

    ChartViewer kViewer() {
        return kChart.viewer();
    }
}
