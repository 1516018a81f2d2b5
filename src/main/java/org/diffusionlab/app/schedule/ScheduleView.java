package org.diffusionlab.app.schedule;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.diffusionlab.app.FileDialogs;
import org.diffusionlab.app.explain.ChartGuide;
import org.diffusionlab.app.explain.ExplanationPanel;
import org.diffusionlab.app.explain.HighlightHub;
import org.diffusionlab.app.ui.ChartRedraws;
import org.diffusionlab.app.ui.MainAndSide;
import org.diffusionlab.app.ui.PaneLayout;
import org.diffusionlab.app.ui.Palette;
import org.diffusionlab.app.ui.PointCloud;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.diffusionlab.engine.train.ScheduleProbe;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

/**
 * The Schedule pane: the beta curve to drag (with abar and the SNR), presets, beta_1, undo/redo, CSV files and the
 * fine-tune button on top; beside it the forward process at a few t under the edited schedule; below, the bound's
 * per-step terms under the trained and the edited schedule, and the reverse variance within its entropy bounds.
 */
public final class ScheduleView extends BorderPane {

    /** The side column's width beside the main column, and the pane width from which it stands there. */
    private static final double SIDE_WIDTH = 380;
    private static final double SIDE_BESIDE_FROM = 860;
    /** Below this width the pane scrolls sideways rather than squeeze its charts. */
    private static final double MIN_BODY_WIDTH = 520;
    /** The width kept for the preset's source ("edited (from cosine)") in the tool bar. */
    private static final double SOURCE_WIDTH = 190;
    private static final double MESSAGE_HEIGHT = 54;

    private final ScheduleViewModel vm;
    private final ChartRedraws redraws = new ChartRedraws();
    private final ScheduleChart betaChart = new ScheduleChart(redraws);
    private final BoundChart boundChart = new BoundChart(redraws);
    private final VarianceChart varianceChart = new VarianceChart(redraws);
    private final HighlightHub highlights = new HighlightHub();
    private final ExplanationPanel explanation;
    private final PointCloud[] clouds = new PointCloud[5];
    private final Label[] cloudCaptions = new Label[5];
    private final Palette palette = new Palette("chart-background", "chart-plot", "chart-grid", "chart-text",
            "series-beta", "series-beta-model", "series-beta-start", "series-abar", "series-snr", "series-kl",
            "series-band", "refusal", "cloud-background", "cloud-data", "cloud-frame");
    private Supplier<FileDialogs> files = () -> null;
    /** True while the controls are set from the edit (their own events must not edit again). */
    private boolean showingEdit;

    final ComboBox<String> preset = new ComboBox<>(FXCollections.observableArrayList(ScheduleViewModel.presets()));
    final TextField beta1 = new TextField();
    final Label beta1Error = new Label();
    final CheckBox logScale = new CheckBox("Log axis");
    final CheckBox second = new CheckBox("\u1fb1 and SNR");
    final Button undo = new Button("Undo");
    final Button redo = new Button("Redo");
    final Button load = new Button("Load CSV\u2026");
    final Button save = new Button("Save CSV\u2026");
    final Button fineTune = new Button("Fine-tune on this schedule");
    final TextField fineTuneIterations = new TextField();
    final javafx.scene.control.ProgressBar fineTuneProgress = new javafx.scene.control.ProgressBar(0);
    final Label fineTuneIteration = new Label();
    final Label kTrained = new Label("\u2013");
    final Label kEdited = new Label("\u2013");
    final Label kDelta = new Label("");
    final Label kBest = new Label("\u2013");
    final Label message = new Label();
    final Label source = new Label();

    public ScheduleView(ScheduleViewModel vm) {
        this.vm = vm;
        setId("schedule-view");
        getStyleClass().add("schedule-view");
        setTop(toolbar());
        setCenter(PaneLayout.body(body(), MIN_BODY_WIDTH));
        message.setId("schedule-message");
        message.getStyleClass().add("schedule-message");
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        // a fixed height (three lines): a message that changes mid-drag must not resize the curve being dragged
        message.setMinHeight(MESSAGE_HEIGHT);
        message.setPrefHeight(MESSAGE_HEIGHT);
        message.setMaxHeight(MESSAGE_HEIGHT);
        message.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        setBottom(message);
        getChildren().add(palette);
        for (var chart : java.util.List.of(betaChart.viewer(), boundChart.viewer(), varianceChart.viewer())) {
            ChartGuide.of(chart).connect(highlights);
        }
        explanation = ScheduleExplanation.build(vm, highlights);

        betaChart.setDragListener(new ScheduleChart.DragListener() {
            @Override
            public void pressed(int control) {
                vm.pressControl(control);
            }

            @Override
            public void dragged(int control, double beta) {
                vm.dragControl(control, beta);
            }

            @Override
            public void released(int control) {
                vm.releaseControl(control);
            }
        });
        vm.editor().currentProperty().addListener((o, a, e) -> showEdit(e));
        vm.refusalProperty().addListener((o, a, r) -> betaChart.showRefusal(r == null ? -1 : r.control(),
                r == null ? null : r.reason()));
        vm.modelScheduleProperty().addListener((o, a, s) -> showReferences());
        vm.startScheduleProperty().addListener((o, a, s) -> showReferences());
        vm.boundsProperty().addListener((o, a, b) -> showBounds(b));
        vm.previewProperty().addListener((o, a, p) -> showPreview(p));
        vm.bestKernelProperty().addListener((o, a, b) -> showBestKernel(b));
        sceneProperty().addListener((o, a, s) -> {
            if (s != null) {
                restyle();
            }
        });
        // Ctrl+Z / Ctrl+Y wherever the focus is while this pane is shown (a text field's own undo comes first).
        javafx.event.EventHandler<javafx.scene.input.KeyEvent> keys = e -> {
            if (!vm.activeProperty().get() || e.isConsumed()) {
                return;
            }
            if (new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN).match(e)) {
                vm.undo();
                e.consume();
            } else if (new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN).match(e)
                    || new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN).match(e)) {
                vm.redo();
                e.consume();
            }
        };
        sceneProperty().addListener((o, old, scene) -> {
            if (old != null) {
                old.removeEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, keys);
            }
            if (scene != null) {
                scene.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, keys);
            }
        });
        showEdit(vm.editor().current());
        showReferences();
        showBounds(vm.boundsProperty().get());
        showBestKernel(vm.bestKernelProperty().get());
    }

    public ScheduleViewModel viewModel() {
        return vm;
    }

    /** Where the CSV dialogs come from (the main window's, once it has a window). */
    public void setFileDialogs(Supplier<FileDialogs> dialogs) {
        this.files = dialogs;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Layout

    private FlowPane toolbar() {
        preset.setId("schedule-preset");
        preset.setPromptText("preset");
        preset.setTooltip(new Tooltip("Replace the curve by a preset for this run's T and \u03b2\u2081: the released "
                + "code's 1/linspace(T, 2, T), linear, cosine, constant, the paper's binomial 1/(T \u2212 t + 1), or "
                + "the model's learned schedule (it then follows training live)."));
        preset.setOnAction(e -> {
            if (preset.getValue() != null && !showingEdit) {
                vm.choosePreset(preset.getValue());
                showEdit(vm.editor().current());      // a refused preset ("learned" without learned beta) falls back
            }
        });
        Label presetLabel = new Label("Preset");
        Label presetError = new Label();
        presetError.setId("schedule-preset-error");
        presetError.getStyleClass().add("field-error");
        presetError.textProperty().bind(vm.presetErrorProperty());
        presetError.visibleProperty().bind(vm.presetErrorProperty().isNotEmpty());
        presetError.managedProperty().bind(presetError.visibleProperty());

        beta1.setId("schedule-beta1");
        beta1.setPrefColumnCount(7);
        beta1.setTooltip(new Tooltip("\u03b2\u2081, the variance of the first forward step, in (0, 0.5); it is never "
                + "learned (the paper keeps it small). Enter applies it."));
        beta1.setOnAction(e -> applyBeta1());
        beta1.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                applyBeta1();
            }
        });
        beta1Error.setId("schedule-beta1-error");
        beta1Error.getStyleClass().add("field-error");
        beta1Error.managedProperty().bind(beta1Error.visibleProperty());
        beta1Error.setVisible(false);

        logScale.setId("schedule-log");
        logScale.setSelected(true);
        logScale.selectedProperty().addListener((o, a, on) -> betaChart.setLogScale(on));
        second.setId("schedule-second-axis");
        second.setMnemonicParsing(false);
        second.setSelected(true);
        second.setTooltip(new Tooltip("Show \u1fb1_t = \u220f(1 \u2212 \u03b2_s), the signal kept after t steps, and "
                + "the signal-to-noise ratio \u1fb1_t / (1 \u2212 \u1fb1_t) on a second, logarithmic axis."));
        second.selectedProperty().addListener((o, a, on) -> betaChart.setSecondAxisVisible(on));

        undo.setId("schedule-undo");
        undo.setGraphic(new FontIcon(MaterialDesignU.UNDO));
        undo.disableProperty().bind(vm.editor().canUndoProperty().not());
        undo.setOnAction(e -> vm.undo());
        undo.setTooltip(new Tooltip("Undo the last edit (Ctrl+Z)"));
        redo.setId("schedule-redo");
        redo.setGraphic(new FontIcon(MaterialDesignR.REDO));
        redo.disableProperty().bind(vm.editor().canRedoProperty().not());
        redo.setOnAction(e -> vm.redo());
        redo.setTooltip(new Tooltip("Redo (Ctrl+Y)"));
        load.setId("schedule-load");
        load.setGraphic(new FontIcon(MaterialDesignF.FOLDER_OPEN));
        load.setOnAction(e -> {
            FileDialogs d = files.get();
            Path p = d == null ? null : d.open("Load schedule", "Schedules (t,beta)", ".csv");
            if (p != null) {
                vm.loadCsv(p);
            }
        });
        save.setId("schedule-save");
        save.setGraphic(new FontIcon(MaterialDesignF.FILE_EXPORT));
        save.setOnAction(e -> {
            FileDialogs d = files.get();
            Path p = d == null ? null : d.save("Save schedule", "Schedules (t,beta)", ".csv", "schedule.csv");
            if (p != null) {
                vm.saveCsv(p);
            }
        });
        fineTune.setId("schedule-fine-tune");
        fineTune.getStyleClass().add("accent");
        fineTune.setGraphic(new FontIcon(MaterialDesignF.FAST_FORWARD));
        fineTune.disableProperty().bind(vm.fineTuneDisabledProperty());
        fineTune.setTooltip(new Tooltip("Continue training the current model on this schedule, held fixed "
                + "(learned \u03b2 off), for the number of iterations beside it; Pause (F6) stops it sooner."));
        fineTune.setOnAction(e -> vm.fineTune());
        fineTuneIterations.setId("schedule-fine-tune-iterations");
        fineTuneIterations.setPrefColumnCount(6);
        fineTuneIterations.textProperty().bindBidirectional(vm.fineTuneIterationsProperty());
        fineTuneIterations.setTooltip(new Tooltip("How many iterations Fine-tune trains: a whole number of at least 1."));
        fineTuneIterations.setOnAction(e -> vm.fineTune());
        fineTuneProgress.setId("schedule-fine-tune-progress");
        fineTuneProgress.progressProperty().bind(vm.trainProgress().progressProperty());
        fineTuneIteration.setId("schedule-fine-tune-iteration");
        fineTuneIteration.textProperty().bind(Bindings.concat("iteration ", vm.trainProgress().iterationTextProperty()));
        for (javafx.scene.Node n : new javafx.scene.Node[]{fineTuneProgress, fineTuneIteration}) {
            n.visibleProperty().bind(vm.fineTuningProperty());
            n.managedProperty().bind(n.visibleProperty());
        }

        source.setId("schedule-source");
        source.getStyleClass().add("hint");
        // room kept for "edited (from released)": the tool bar does not re-wrap (and the curve resize) mid-drag
        source.setMinWidth(SOURCE_WIDTH);
        source.setPrefWidth(SOURCE_WIDTH);
        FlowPane bar = PaneLayout.toolbar(presetLabel, preset, source, presetError, new Separator(javafx.geometry.Orientation.VERTICAL),
                new Label("\u03b2\u2081"), beta1, beta1Error, new Separator(javafx.geometry.Orientation.VERTICAL),
                logScale, second, new Separator(javafx.geometry.Orientation.VERTICAL), undo, redo, load, save,
                new Separator(javafx.geometry.Orientation.VERTICAL), fineTune, new Label("for"), fineTuneIterations,
                new Label("iterations"), fineTuneProgress, fineTuneIteration);
        bar.setPadding(new Insets(8));
        bar.getStyleClass().add("schedule-toolbar");
        return bar;
    }

    /**
     * The beta curve over the bound's per-step terms in the main column; the forward previews over the reverse
     * variance in the side column, which moves under the main column when the pane is narrow (see PaneLayout).
     */
    private MainAndSide body() {
        betaChart.viewer().setMinSize(320, 220);
        boundChart.viewer().setMinSize(320, 180);
        varianceChart.viewer().setMinSize(280, 200);
        // fixed shares of the height: the curve being dragged keeps its scale while the figures under it change
        GridPane main = new GridPane();
        main.setVgap(8);
        ColumnConstraints full = new ColumnConstraints();
        full.setPercentWidth(100);
        main.getColumnConstraints().add(full);
        javafx.scene.layout.RowConstraints curve = new javafx.scene.layout.RowConstraints();
        curve.setPercentHeight(55);
        javafx.scene.layout.RowConstraints bound = new javafx.scene.layout.RowConstraints();
        bound.setPercentHeight(45);
        main.getRowConstraints().addAll(curve, bound);
        VBox boundBox = boundBox();
        main.add(betaChart.viewer(), 0, 0);
        main.add(boundBox, 0, 1);
        for (javafx.scene.Node n : main.getChildren()) {
            GridPane.setHgrow(n, Priority.ALWAYS);
            GridPane.setVgrow(n, Priority.ALWAYS);
        }
        VBox side = new VBox(8, previewBox(), varianceChart.viewer());
        VBox.setVgrow(varianceChart.viewer(), Priority.ALWAYS);
        side.setId("schedule-side");
        MainAndSide body = new MainAndSide(main, side, SIDE_WIDTH, SIDE_BESIDE_FROM);
        body.setPadding(new Insets(0, 8, 4, 8));
        return body;
    }

    private VBox previewBox() {
        GridPane cells = new GridPane();
        cells.setHgap(6);
        cells.setVgap(4);
        for (int i = 0; i < clouds.length; i++) {
            clouds[i] = new PointCloud();
            clouds[i].setMinSize(80, 80);
            clouds[i].setPrefSize(150, 150);
            clouds[i].setExtent(2.6);
            clouds[i].setId("schedule-preview-" + i);
            cloudCaptions[i] = new Label();
            cloudCaptions[i].getStyleClass().add("cloud-caption");
            cloudCaptions[i].setWrapText(true);
            cloudCaptions[i].setMinHeight(Region.USE_PREF_SIZE);       // wraps in a narrow cell, never cut short
            VBox cell = new VBox(2, cloudCaptions[i], clouds[i]);
            VBox.setVgrow(clouds[i], Priority.ALWAYS);
            cells.add(cell, i % 3, i / 3);
        }
        for (int c = 0; c < 3; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100 / 3.0);
            cells.getColumnConstraints().add(cc);
        }
        Label title = new Label("Forward process q(x_t | x_0) under the edited schedule");
        title.getStyleClass().add("section-title");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        Label note = new Label("The same data and noise at every t: only the schedule changes the pictures.");
        note.getStyleClass().add("hint");
        note.setWrapText(true);
        cells.add(note, 2, 1);
        VBox box = new VBox(4, title, cells);
        VBox.setVgrow(cells, Priority.ALWAYS);
        box.setId("schedule-preview");
        return box;
    }

    private VBox boundBox() {
        kTrained.setId("schedule-k-trained");
        kEdited.setId("schedule-k-edited");
        kDelta.setId("schedule-k-delta");
        kBest.setId("schedule-k-best");
        for (Label l : new Label[]{kTrained, kEdited, kDelta, kBest}) {
            l.getStyleClass().add("k-figure");
        }
        HBox best = labelled("best Gaussian kernel, edited schedule", kBest);
        Tooltip.install(best, new Tooltip("The bound K of the best possible reverse kernel of the paper's form (a "
                + "diagonal Gaussian per step) under the edited schedule: the kernel that matches the mean and variance "
                + "of q(x_{t-1} | x_t), computed from the data's known density on "
                + ScheduleWork.BEST_KERNEL_POINTS + " held-out points. No network, however large or well trained, "
                + "beats it; a better schedule raises it."));
        // the figures wrap onto a second line rather than cut the last one short
        FlowPane figures = new FlowPane(18, 2, labelled("K, trained schedule", kTrained),
                labelled("K, edited schedule", kEdited), labelled("change", kDelta), best);
        figures.setAlignment(Pos.CENTER_LEFT);
        figures.setPrefWrapLength(300);
        figures.setId("schedule-figures");
        VBox box = new VBox(4, figures, boundChart.viewer());
        VBox.setVgrow(boundChart.viewer(), Priority.ALWAYS);
        return box;
    }

    private static HBox labelled(String text, Label value) {
        Label l = new Label(text + ":");
        l.setMinWidth(Region.USE_PREF_SIZE);
        value.setMinWidth(Region.USE_PREF_SIZE);
        HBox h = new HBox(4, l, value);
        h.setAlignment(Pos.BASELINE_LEFT);
        return h;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Showing state

    private void applyBeta1() {
        String p = vm.setBeta1(beta1.getText());
        beta1Error.setText(p);
        beta1Error.setVisible(!p.isEmpty());
        if (p.isEmpty()) {
            beta1.setText(ScheduleFormat.beta(vm.editor().current().beta1()));
        }
    }

    private void showEdit(ScheduleEdit e) {
        if (e.problem() != null) {
            return;
        }
        BetaSchedule s = e.schedule();
        betaChart.showEdited(s, e.controls());
        if (!beta1.isFocused()) {
            beta1.setText(ScheduleFormat.beta(e.beta1()));
            beta1Error.setVisible(false);
        }
        boolean plain = e.unshifted() && e.beta1() == e.base().beta(1);
        String shown = ScheduleViewModel.presets().contains(e.source()) && plain ? e.source() : null;
        if (!java.util.Objects.equals(preset.getValue(), shown)) {
            showingEdit = true;
            try {
                preset.setValue(shown);
            } finally {
                showingEdit = false;
            }
        }
        source.setText(shown != null ? "" : plain ? "from " + e.source()
                : "edited (from " + e.base().name() + ")");
    }

    private void showReferences() {
        betaChart.showReference(vm.modelScheduleProperty().get(), vm.startScheduleProperty().get());
    }

    private void showBounds(ScheduleWork.Bounds b) {
        if (b == null) {
            boundChart.show(null, null);
            varianceChart.show(null, null, null);
            return;
        }
        ScheduleProbe.Result t = b.trained();
        ScheduleProbe.Result e = b.edited();
        kTrained.setText(ScheduleFormat.bits(t.kBits()) + " bits");
        kEdited.setText(ScheduleFormat.bits(e.kBits()) + " bits");
        kDelta.setText(ScheduleFormat.signedBits(e.kBits() - t.kBits()) + " bits");
        boundChart.show(t.perStepKlBits(), e.perStepKlBits());
        varianceChart.show(e.varianceLower(), e.varianceUpper(), e.meanReverseVariance());
    }

    private void showBestKernel(ScheduleWork.BestKernel b) {
        boundChart.showBest(b == null ? null : b.perStepKlBits());
        if (b == null) {
            kBest.setText("\u2013");
        } else if (!b.known()) {
            kBest.setText("n/a (the data's density is not known)");
        } else {
            kBest.setText(ScheduleFormat.bits(b.kBits()) + " \u00b1 "
                    + String.format(Locale.ROOT, "%.3f", b.seBits()) + " bits");
        }
    }

    private void showPreview(ScheduleWork.Preview p) {
        for (int i = 0; i < clouds.length; i++) {
            boolean has = p != null && i < p.ts().length;
            clouds[i].setVisible(has);
            cloudCaptions[i].setVisible(has);
            if (has) {
                int t = p.ts()[i];
                clouds[i].setPoints(p.clouds()[i]);
                cloudCaptions[i].setText(t == 0 ? "data x\u2080" : String.format(Locale.ROOT, "t = %d   \u1fb1 = %s", t,
                        ScheduleFormat.beta(p.schedule().abar(t))));
            }
        }
    }

    /** Reads the stylesheet's colours into the charts and clouds (after a theme change too). */
    public void restyle() {
        betaChart.style(palette);
        boundChart.style(palette);
        varianceChart.style(palette);
        for (PointCloud c : clouds) {
            c.setColors(palette.color("cloud-background"), palette.color("cloud-data"), palette.color("cloud-frame"));
        }
    }

    /** Redraws every held chart now (before a picture is taken). */
    public void flushCharts() {
        redraws.flush();
    }

    // Test access ----------------------------------------------------------------------------------------------

    /** What this pane shows, in words and equations (the window puts it in the pane's drawer). */
    public ExplanationPanel explanation() {
        return explanation;
    }

    /** Which chart element is pointed at (by an equation term, a legend row or the chart itself). */
    public HighlightHub highlights() {
        return highlights;
    }

    ScheduleChart betaChart() {
        return betaChart;
    }

    BoundChart boundChart() {
        return boundChart;
    }

    VarianceChart varianceChart() {
        return varianceChart;
    }

    PointCloud[] clouds() {
        return clouds.clone();
    }
}
