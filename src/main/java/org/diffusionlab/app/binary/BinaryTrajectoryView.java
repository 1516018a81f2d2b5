package org.diffusionlab.app.binary;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.diffusionlab.app.FileDialogs;
import org.diffusionlab.app.trajectory.Direction;
import org.diffusionlab.app.trajectory.ExportMenu;
import org.diffusionlab.app.trajectory.StatusBar;
import org.diffusionlab.app.explain.ExplanationPanel;
import org.diffusionlab.app.explain.HighlightHub;
import org.diffusionlab.app.ui.ExportRunner;
import org.diffusionlab.app.ui.Palette;
import org.diffusionlab.app.ui.Playback;
import org.diffusionlab.app.ui.MainAndSide;
import org.diffusionlab.app.ui.PaneLayout;
import org.diffusionlab.app.ui.PlaybackControls;
import org.diffusionlab.app.ui.PointRaster;
import org.diffusionlab.app.ui.Tooltips;
import org.diffusionlab.app.ui.ValidatedField;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;

/**
 * The Trajectory pane for binary data (the paper's heartbeat): the forward process q turning data sequences into
 * coin flips and the model's reverse process p turning coin flips into sequences, as rasters (rows = sequences,
 * columns = bins, one frame per t); a row of bins above the reverse raster to fix bins and sample the rest; the live
 * fraction of samples that are true heartbeats; a slider, playback, rows and seed; and exports.
 */
public final class BinaryTrajectoryView extends BorderPane {

    /** The side column's width beside the rasters, and the pane width from which it stands there (see PaneLayout). */
    private static final double SIDE_WIDTH = 330;
    private static final double SIDE_BESIDE_FROM = 820;
    /** The rasters never get lower than this, nor the pane narrower; below, it scrolls. */
    private static final double MIN_RASTER_HEIGHT = 320;
    private static final double MIN_BODY_WIDTH = 440;

    private final BinaryTrajectoryViewModel vm;
    private final Supplier<FileDialogs> files;
    private final ExportRunner exports;
    private final Palette palette = new Palette("binary-background", "binary-empty", "binary-one", "binary-grid",
            "binary-fixed-empty", "binary-fixed-one", "binary-good", "binary-bad", "binary-ink");
    private RasterRenderer.Style style;
    private final HighlightHub highlights = new HighlightHub();
    private final ExplanationPanel explanation;
    private int ink;

    private final BinaryRaster forwardRaster;
    private final BinaryRaster reverseRaster;
    private final BinSelector bins;
    private final Label forwardTitle = new Label();
    private final Label reverseTitle = new Label();
    private final Label tLabel = new Label();
    private final Label dataTitle = new Label();
    private final Label fraction = new Label();
    private final Label fractionFinal = new Label();
    private final Label exportStatus = new Label();
    private final HBox rasters = new HBox(16);
    private final Node forwardBox;
    private final Node reverseBox;
    private boolean redrawQueued;

    public BinaryTrajectoryView(BinaryTrajectoryViewModel vm, Supplier<FileDialogs> files, Consumer<String> errors,
                                ExecutorService io) {
        this.vm = vm;
        this.files = files;
        this.exports = new ExportRunner(exportStatus, errors, io);
        getStyleClass().addAll("trajectory-pane", "binary-pane");
        setId("binary-trajectory-pane");
        getChildren().add(palette);
        explanation = BinaryTrajectoryExplanation.build(highlights);

        forwardRaster = new BinaryRaster(() -> content(Direction.FORWARD));
        forwardRaster.setId("binary-raster-forward");
        reverseRaster = new BinaryRaster(() -> content(Direction.REVERSE));
        reverseRaster.setId("binary-raster-reverse");
        bins = new BinSelector(vm);
        bins.setId("binary-bins");

        Button clear = new Button("Clear", new FontIcon(MaterialDesignC.CLOSE_CIRCLE_OUTLINE));
        clear.setId("binary-clear");
        clear.setOnAction(e -> vm.clearFixed());
        clear.disableProperty().bind(Bindings.createBooleanBinding(
                () -> java.util.Arrays.stream(vm.fixedBinsProperty().get()).allMatch(v -> v == -1),
                vm.fixedBinsProperty()));
        tip(clear, "Free every bin: the model's samples are drawn again without conditions.");
        Label fixHint = new Label("Fix bins (click: free \u2192 1 \u2192 0 \u2192 free):");
        fixHint.getStyleClass().add("binary-hint");
        FlowPane fixBar = new FlowPane(8, 4, fixHint, clear);
        fixBar.setAlignment(Pos.CENTER_LEFT);
        VBox reverseHeader = new VBox(4, reverseTitle, fixBar, bins);
        Region forwardSpacer = new Region();
        forwardSpacer.minHeightProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(0, reverseHeader.getHeight() - forwardTitle.getHeight() - dataTitle.getHeight() - 8),
                reverseHeader.heightProperty(), forwardTitle.heightProperty(), dataTitle.heightProperty()));
        dataTitle.getStyleClass().add("binary-hint");
        // the titles wrap in a narrow column rather than end in "..."
        for (Label l : new Label[]{forwardTitle, reverseTitle, dataTitle, fixHint}) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        VBox forwardHeader = new VBox(4, forwardTitle, dataTitle, forwardSpacer);
        forwardBox = column(forwardHeader, forwardRaster);
        reverseBox = column(reverseHeader, reverseRaster);

        setTop(new VBox(playbackBar(), optionsBar()));
        setCenter(PaneLayout.body(mainArea(), MIN_BODY_WIDTH));
        setBottom(statusBar());

        vm.framesProperty().addListener((o, a, f) -> {
            updateTexts();
            requestRedraw();
        });
        vm.tProperty().addListener((o, a, b) -> requestRedraw());
        vm.directionProperty().addListener((o, a, b) -> layoutRasters());
        vm.correctProperty().addListener((o, a, b) -> updateTexts());
        vm.finalCorrectProperty().addListener((o, a, b) -> updateTexts());
        sceneProperty().addListener((o, a, s) -> {
            restyle();
            Platform.runLater(this::restyle);   // once the scene's stylesheets (added after the scene) apply
        });
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            // space plays, arrows step t, unless a text field has the keyboard
            if (e.getTarget() instanceof TextInputControl) {
                return;
            }
            switch (e.getCode()) {
                case SPACE -> vm.togglePlay();
                case LEFT -> vm.step(-1);
                case RIGHT -> vm.step(1);
                default -> {
                    return;
                }
            }
            e.consume();
        });
        layoutRasters();
        updateTexts();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Layout

    private static VBox column(Node header, BinaryRaster raster) {
        VBox box = new VBox(4, header, raster);
        VBox.setVgrow(raster, Priority.ALWAYS);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setMinWidth(200);
        box.setMaxWidth(620);
        return box;
    }

    private Node playbackBar() {
        ComboBox<Direction> direction = new ComboBox<>(FXCollections.observableArrayList(Direction.values()));
        direction.setId("binary-direction");
        direction.valueProperty().bindBidirectional(vm.directionProperty());
        tip(direction, "Which process is shown: the forward process q (data \u2192 coin flips), the model's reverse "
                + "process p (coin flips \u2192 sequences), or both side by side.");

        Playback p = vm.playback();
        Button play = PlaybackControls.play(p, "binary-play", vm.framesProperty().isNull());
        Button back = PlaybackControls.step(p, "binary-step-back", -1);
        back.disableProperty().bind(vm.framesProperty().isNull());
        Button forward = PlaybackControls.step(p, "binary-step-forward", 1);
        forward.disableProperty().bind(vm.framesProperty().isNull());

        Slider slider = PlaybackControls.t(p, "binary-t-slider", steps -> 4);
        slider.disableProperty().bind(vm.framesProperty().isNull());
        vm.tProperty().addListener((o, a, b) -> updateTexts());
        vm.stepsProperty().addListener((o, a, b) -> updateTexts());
        tip(slider, "The diffusion step t shown, from 0 (data, or the model's samples) to T (coin flips).");
        tLabel.setId("binary-t-label");
        tLabel.getStyleClass().add("t-label");

        ComboBox<Double> speed = PlaybackControls.speed(p, "binary-speed", BinaryTrajectoryViewModel.SPEEDS);
        tip(speed, "Playback speed in diffusion steps per second (T = 2,000 steps: 200 steps/s plays the whole "
                + "process in 10 s).");
        CheckBox loop = PlaybackControls.loop(p, "binary-loop");

        FlowPane bar = PaneLayout.toolbar(direction, play, back, slider, forward, tLabel, speed, loop);
        bar.getStyleClass().add("trajectory-toolbar");
        return bar;
    }

    private Node optionsBar() {
        TextField rows = validated("binary-rows", vm.rowsProperty(), vm.rowsError(), 70,
                "Sequences in each raster: 1 to 512 (press Enter). Each is drawn through all T steps.");
        TextField seed = validated("binary-seed", vm.seedProperty(), vm.seedError(), 80,
                "The seed of the data sequences and of all the coin flips: the same seed, model and fixed bins give "
                        + "the same rasters.");
        Button newNoise = new Button("New noise", new FontIcon(MaterialDesignD.DICE_MULTIPLE));
        newNoise.setId("binary-new-noise");
        newNoise.setOnAction(e -> vm.newNoise());
        tip(newNoise, "Draw new trajectories with a new seed (shown in the seed field).");

        MenuButton export = ExportMenu.create("binary-export", "binary-", "Reverse process as GIF\u2026", files,
                kind -> switch (kind) {
                    case "png" -> "heartbeat-t" + vm.tProperty().get() + ".png";
                    case "gif" -> "heartbeat-reverse.gif";
                    case "csv-forward" -> "heartbeat-forward.csv";
                    default -> "heartbeat-reverse.csv";
                }, this::export);
        export.disableProperty().bind(vm.framesProperty().isNull());
        export.setTooltip(new Tooltip("Save the frame shown (PNG), the reverse process (GIF, at most "
                + BinaryExport.GIF_FRAMES + " frames) or a trajectory (CSV: t, sequence, bits)."));

        Label refused = new Label();
        refused.setId("binary-input-error");
        refused.getStyleClass().add("binary-input-error");
        refused.textProperty().bind(Bindings.createStringBinding(() -> vm.rowsError().get().isEmpty()
                ? vm.seedError().get() : vm.rowsError().get(), vm.rowsError(), vm.seedError()));
        refused.visibleProperty().bind(refused.textProperty().isNotEmpty());
        refused.managedProperty().bind(refused.visibleProperty());

        FlowPane bar = PaneLayout.toolbar(new Label("Rows"), rows, new Label("Seed"), seed, newNoise, refused, export);
        bar.getStyleClass().addAll("trajectory-toolbar", "second");
        return bar;
    }

    /** The two rasters in the main column; the share of true heartbeats and the legend beside or under them. */
    private MainAndSide mainArea() {
        rasters.setId("binary-rasters");
        rasters.setAlignment(Pos.TOP_CENTER);
        Label empty = new Label(BinaryTrajectoryViewModel.EMPTY_MESSAGE);
        empty.setId("binary-empty");
        empty.getStyleClass().add("binary-empty");
        empty.setWrapText(true);
        empty.visibleProperty().bind(vm.framesProperty().isNull());
        rasters.visibleProperty().bind(vm.framesProperty().isNotNull());
        StackPane centre = new StackPane(rasters, empty);
        HBox.setHgrow(centre, Priority.ALWAYS);

        fraction.setId("binary-fraction");
        fraction.getStyleClass().add("binary-fraction");
        fraction.setWrapText(true);
        fraction.setMinHeight(Region.USE_PREF_SIZE);
        fractionFinal.setId("binary-fraction-final");
        fractionFinal.getStyleClass().add("binary-fraction-final");
        fractionFinal.setWrapText(true);
        fractionFinal.setMinHeight(Region.USE_PREF_SIZE);
        Label legend = new Label("Each row is one sequence of 20 bins, a filled cell a 1. The data are the 5 true "
                + "heartbeats: a 1 in every 5th bin, starting in one of the first 5. Forward, q flips bins until every "
                + "bin is a fair coin at t = T; the model's reverse process p starts from coin flips and should end "
                + "(t = 0) on true heartbeats.\n\nReverse rows end in \u2713 (or a long bar, when rows are thin) for a "
                + "true heartbeat and \u2717 (or a short bar) for any other sequence; with bins fixed, a row counts "
                + "only if it also agrees with them. Fixed bins' columns are tinted.\n\nFixing bins multiplies every reverse "
                + "step by a factor that holds those bins to their values (the paper's way of sampling a posterior); "
                + "the free bins follow only as far as the model's steps pass the information on, so not every "
                + "sample need agree.");
        legend.setId("binary-legend");
        legend.setWrapText(true);
        legend.setMinHeight(Region.USE_PREF_SIZE);
        legend.getStyleClass().add("legend-text");
        VBox side = new VBox(10, fraction, fractionFinal, legend);
        side.getStyleClass().addAll("trajectory-side", "binary-side");
        side.visibleProperty().bind(vm.framesProperty().isNotNull());
        centre.setMinHeight(MIN_RASTER_HEIGHT);
        MainAndSide main = new MainAndSide(centre, side, SIDE_WIDTH, SIDE_BESIDE_FROM);
        main.getStyleClass().add("trajectory-main");
        return main;
    }

    private Node statusBar() {
        Label status = new Label();
        status.setId("binary-status");
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        exportStatus.setId("binary-export-status");
        return StatusBar.create(status, exportStatus, "binary-busy", vm.computingProperty());
    }

    private void layoutRasters() {
        rasters.getChildren().clear();
        for (Direction d : vm.directionProperty().get().processes()) {
            rasters.getChildren().add(d == Direction.FORWARD ? forwardBox : reverseBox);
        }
        requestRedraw();
    }

    private TextField validated(String id, StringProperty value, ObservableStringValue error, double width,
                                String help) {
        return ValidatedField.create(id, value, error, 5, width, help, vm::commitInputs);
    }

    private static void tip(Control c, String text) {
        Tooltips.install(c, text);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Drawing

    /** Re-reads the colours from the stylesheet (after a theme change) and redraws. */
    public void restyle() {
        style = new RasterRenderer.Style(argb("binary-background"), argb("binary-empty"), argb("binary-one"),
                argb("binary-grid"), argb("binary-fixed-empty"), argb("binary-fixed-one"), argb("binary-good"),
                argb("binary-bad"));
        ink = argb("binary-ink");
        requestRedraw();
    }

    private RasterRenderer.Style style() {
        if (style == null) {
            restyle();
        }
        return style;
    }

    private int argb(String name) {
        return PointRaster.argb(palette.color(name));
    }

    private BinaryRaster.Content content(Direction row) {
        BinaryFrames f = vm.framesProperty().get();
        if (f == null) {
            return new BinaryRaster.Content(null, 0, null, null, style());
        }
        int t = Math.max(0, Math.min(f.steps(), vm.tProperty().get()));
        if (row == Direction.FORWARD) {
            return new BinaryRaster.Content(f.forward(), t, null, null, style());
        }
        return new BinaryRaster.Content(f.reverse(), t, f.fixed(), RasterRenderer.correctRows(f, t), style());
    }

    private void requestRedraw() {
        if (redrawQueued) {
            return;
        }
        redrawQueued = true;
        Platform.runLater(this::redrawNow);
    }

    /** Redraws both rasters and the texts now (tests and exports call it to see the current state). */
    public void redrawNow() {
        redrawQueued = false;
        forwardRaster.redraw();
        reverseRaster.redraw();
        updateTexts();
    }

    private void updateTexts() {
        int t = vm.tProperty().get();
        int steps = vm.stepsProperty().get();
        tLabel.setText(String.format(Locale.ROOT, "t = %d / %d", t, steps));
        forwardTitle.setText(String.format(Locale.ROOT, "Forward q: data \u2192 coin flips, t = %d", t));
        reverseTitle.setText(String.format(Locale.ROOT, "Reverse p: coin flips \u2192 samples, t = %d", t));
        BinaryFrames f = vm.framesProperty().get();
        if (f == null) {
            fraction.setText("");
            fractionFinal.setText("");
            return;
        }
        fraction.setText(fractionSentence(f.anyFixed(), vm.correctProperty().get(), f.rows()));
        fractionFinal.setText(String.format(Locale.ROOT, "at t = %d of %d.  The final samples (t = 0): %d / %d (%.0f%%)",
                t, f.steps(), vm.finalCorrectProperty().get(), f.rows(), 100 * vm.finalFractionCorrectProperty().get()));
        dataTitle.setText(String.format(Locale.ROOT, "%d data sequences: true heartbeats, seed %d", f.rows(),
                f.seed()));
    }

    /** "Samples that are true heartbeats: 61 / 64 (95%)", "... agreeing with the fixed bins: ..." with bins fixed. */
    static String fractionSentence(boolean fixed, int correct, int rows) {
        return String.format(Locale.ROOT, "Samples that are true heartbeats%s: %d / %d (%.0f%%)",
                fixed ? " agreeing with the fixed bins" : "", correct, rows, 100.0 * correct / rows);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Export

    /**
     * Exports on a background thread: "png" (the shown frame and direction), "gif" (the reverse process),
     * "csv-forward" or "csv-reverse"; failures go to the error handler with the file's name.
     */
    public Task<Path> export(String kind, Path file) {
        BinaryFrames f = vm.framesProperty().get();
        if (f == null) {
            throw new IllegalStateException("nothing to export yet");
        }
        int t = Math.max(0, Math.min(f.steps(), vm.tProperty().get()));
        BinaryExport.Picture picture = new BinaryExport.Picture(vm.directionProperty().get(), style(), ink);
        return exports.run(file, progress -> {
            switch (kind) {
                case "png" -> BinaryExport.png(file, f, t, picture);
                case "gif" -> BinaryExport.gif(file, f, picture, 50, k -> progress.accept(String.format(Locale.ROOT,
                        "Writing GIF: frame %d of %d", k, BinaryExport.gifSteps(f.steps()).length)));
                case "csv-forward" -> BinaryExport.csv(file, f, Direction.FORWARD);
                case "csv-reverse" -> BinaryExport.csv(file, f, Direction.REVERSE);
                default -> throw new IllegalArgumentException("unknown export " + kind);
            }
        });
    }

    // ------------------------------------------------------------------------------------------------------------
    // For the window and tests

    public BinaryTrajectoryViewModel viewModel() {
        return vm;
    }

    /** The raster of a process (FORWARD or REVERSE). */
    public BinaryRaster raster(Direction row) {
        return row == Direction.FORWARD ? forwardRaster : reverseRaster;
    }

    public String tText() {
        return tLabel.getText();
    }

    public String fractionText() {
        return fraction.getText();
    }

    /** What this pane shows, in words and equations (the window puts it in the pane's drawer). */
    public ExplanationPanel explanation() {
        return explanation;
    }
}
