package org.diffusionlab.app.binary;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.diffusionlab.app.FileDialogs;
import org.diffusionlab.app.trajectory.Direction;
import org.diffusionlab.app.ui.Palette;
import org.diffusionlab.app.ui.PointRaster;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The Trajectory pane for binary data (the paper's heartbeat): the forward process q turning data sequences into
 * coin flips and the model's reverse process p turning coin flips into sequences, as rasters (rows = sequences,
 * columns = bins, one frame per t); a row of bins above the reverse raster to fix bins and sample the rest; the live
 * fraction of samples that are true heartbeats; a slider, playback, rows and seed; and exports.
 */
public final class BinaryTrajectoryView extends BorderPane {

    private final BinaryTrajectoryViewModel vm;
    private final Supplier<FileDialogs> files;
    private final Consumer<String> errors;
    private final ExecutorService io;
    private final Palette palette = new Palette("binary-background", "binary-empty", "binary-one", "binary-grid",
            "binary-fixed-empty", "binary-fixed-one", "binary-good", "binary-bad", "binary-ink");
    private RasterRenderer.Style style;
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
        this.errors = errors;
        this.io = io;
        getStyleClass().addAll("trajectory-pane", "binary-pane");
        setId("binary-trajectory-pane");
        getChildren().add(palette);

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
        HBox fixBar = new HBox(8, fixHint, clear);
        fixBar.setAlignment(Pos.CENTER_LEFT);
        VBox reverseHeader = new VBox(4, reverseTitle, fixBar, bins);
        Region forwardSpacer = new Region();
        forwardSpacer.minHeightProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(0, reverseHeader.getHeight() - forwardTitle.getHeight() - dataTitle.getHeight() - 8),
                reverseHeader.heightProperty(), forwardTitle.heightProperty(), dataTitle.heightProperty()));
        dataTitle.getStyleClass().add("binary-hint");
        VBox forwardHeader = new VBox(4, forwardTitle, dataTitle, forwardSpacer);
        forwardBox = column(forwardHeader, forwardRaster);
        reverseBox = column(reverseHeader, reverseRaster);

        setTop(new VBox(playbackBar(), optionsBar()));
        setCenter(mainArea());
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

        Button play = new Button();
        play.setId("binary-play");
        play.graphicProperty().bind(Bindings.when(vm.playingProperty()).then((Node) new FontIcon(MaterialDesignP.PAUSE))
                .otherwise(new FontIcon(MaterialDesignP.PLAY)));
        play.textProperty().bind(Bindings.when(vm.playingProperty()).then("Pause").otherwise("Play"));
        play.setOnAction(e -> vm.togglePlay());
        play.disableProperty().bind(vm.framesProperty().isNull());
        tip(play, "Play or pause (space). q plays from t = 0 up to T, p (and both) from T down to 0.");

        Button back = new Button("t \u2212 1", new FontIcon(MaterialDesignS.SKIP_PREVIOUS));
        back.setId("binary-step-back");
        back.setOnAction(e -> vm.step(-1));
        back.disableProperty().bind(vm.framesProperty().isNull());
        tip(back, "One step back in t (left arrow).");
        Button forward = new Button("t + 1", new FontIcon(MaterialDesignS.SKIP_NEXT));
        forward.setId("binary-step-forward");
        forward.setOnAction(e -> vm.step(1));
        forward.disableProperty().bind(vm.framesProperty().isNull());
        tip(forward, "One step on in t (right arrow).");

        Slider slider = new Slider(0, 1, 0);
        slider.setId("binary-t-slider");
        slider.maxProperty().bind(vm.stepsProperty());
        slider.setShowTickMarks(true);
        slider.setBlockIncrement(1);
        slider.setFocusTraversable(false);
        slider.disableProperty().bind(vm.framesProperty().isNull());
        slider.valueProperty().addListener((o, a, b) -> {
            int t = (int) Math.round(b.doubleValue());
            if (t != vm.tProperty().get()) {
                vm.tProperty().set(t);
            }
        });
        vm.tProperty().addListener((o, a, b) -> {
            if ((int) Math.round(slider.getValue()) != b.intValue()) {
                slider.setValue(b.intValue());
            }
            updateTexts();
        });
        vm.stepsProperty().addListener((o, a, b) -> {
            slider.setMajorTickUnit(Math.max(1, b.intValue() / 4));
            slider.setMinorTickCount(4);
            slider.setValue(vm.tProperty().get());
            updateTexts();
        });
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.setMaxWidth(Double.MAX_VALUE);
        tip(slider, "The diffusion step t shown, from 0 (data, or the model's samples) to T (coin flips).");
        tLabel.setId("binary-t-label");
        tLabel.getStyleClass().add("t-label");

        ComboBox<Double> speed = new ComboBox<>(FXCollections.observableArrayList(BinaryTrajectoryViewModel.SPEEDS));
        speed.setId("binary-speed");
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : String.format(Locale.ROOT, "%.0f steps/s", v);
            }

            @Override
            public Double fromString(String s) {
                return Double.valueOf(s.replace("steps/s", "").strip());
            }
        });
        speed.setValue(vm.speedProperty().get());
        speed.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.speedProperty().set(b);
            }
        });
        vm.speedProperty().addListener((o, a, b) -> speed.setValue(b.doubleValue()));
        tip(speed, "Playback speed in diffusion steps per second (T = 2,000 steps: 200 steps/s plays the whole "
                + "process in 10 s).");
        CheckBox loop = new CheckBox("Loop");
        loop.setId("binary-loop");
        loop.selectedProperty().bindBidirectional(vm.loopProperty());
        tip(loop, "Start again from the beginning at the end.");

        HBox bar = new HBox(direction, play, back, slider, forward, tLabel, speed, loop);
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

        MenuButton export = new MenuButton("Export", new FontIcon(MaterialDesignE.EXPORT));
        export.setId("binary-export");
        MenuItem png = new MenuItem("Frame as PNG\u2026");
        png.setId("binary-export-png");
        png.setOnAction(e -> askAndExport("png"));
        MenuItem gif = new MenuItem("Reverse process as GIF\u2026");
        gif.setId("binary-export-gif");
        gif.setOnAction(e -> askAndExport("gif"));
        MenuItem csvForward = new MenuItem("Forward trajectory as CSV\u2026");
        csvForward.setId("binary-export-csv-forward");
        csvForward.setOnAction(e -> askAndExport("csv-forward"));
        MenuItem csvReverse = new MenuItem("Reverse trajectory as CSV\u2026");
        csvReverse.setId("binary-export-csv-reverse");
        csvReverse.setOnAction(e -> askAndExport("csv-reverse"));
        export.getItems().addAll(png, gif, csvForward, csvReverse);
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

        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(new Label("Rows"), rows, new Label("Seed"), seed, newNoise, refused, gap, export);
        bar.getStyleClass().addAll("trajectory-toolbar", "second");
        return bar;
    }

    private Node mainArea() {
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
        HBox main = new HBox(centre, side);
        main.getStyleClass().add("trajectory-main");
        return main;
    }

    private Node statusBar() {
        Label status = new Label();
        status.setId("binary-status");
        status.getStyleClass().add("trajectory-status");
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        exportStatus.setId("binary-export-status");
        exportStatus.getStyleClass().add("trajectory-status");
        ProgressIndicator busy = new ProgressIndicator();
        busy.setId("binary-busy");
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.computingProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bottom = new HBox(8, busy, status, gap, exportStatus);
        bottom.setAlignment(Pos.CENTER_LEFT);
        bottom.getStyleClass().add("trajectory-toolbar");
        return bottom;
    }

    private void layoutRasters() {
        rasters.getChildren().clear();
        Direction d = vm.directionProperty().get();
        if (d != Direction.REVERSE) {
            rasters.getChildren().add(forwardBox);
        }
        if (d != Direction.FORWARD) {
            rasters.getChildren().add(reverseBox);
        }
        requestRedraw();
    }

    private TextField validated(String id, javafx.beans.property.StringProperty value,
                                javafx.beans.value.ObservableStringValue error, double width, String help) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(5);
        f.setPrefWidth(width);
        f.textProperty().bindBidirectional(value);
        Tooltip tip = new Tooltip(help);
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        f.setTooltip(tip);
        f.setOnAction(e -> vm.commitInputs());
        f.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                vm.commitInputs();
            }
        });
        Runnable mark = () -> {
            boolean bad = !error.get().isEmpty();
            f.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("error"), bad);
            tip.setText(bad ? error.get() : help);
        };
        error.addListener((o, a, b) -> mark.run());
        mark.run();
        return f;
    }

    private static void tip(javafx.scene.control.Control c, String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(360);
        c.setTooltip(t);
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

    private void askAndExport(String kind) {
        FileDialogs d = files.get();
        if (d == null) {
            return;
        }
        Path p = switch (kind) {
            case "png" -> d.save("Export frame", "PNG images", ".png", "heartbeat-t" + vm.tProperty().get() + ".png");
            case "gif" -> d.save("Export animation", "GIF images", ".gif", "heartbeat-reverse.gif");
            case "csv-forward" -> d.save("Export forward trajectory", "CSV files", ".csv", "heartbeat-forward.csv");
            default -> d.save("Export reverse trajectory", "CSV files", ".csv", "heartbeat-reverse.csv");
        };
        if (p != null) {
            export(kind, p);
        }
    }

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
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                switch (kind) {
                    case "png" -> BinaryExport.png(file, f, t, picture);
                    case "gif" -> BinaryExport.gif(file, f, picture, 50, k -> updateMessage(String.format(Locale.ROOT,
                            "Writing GIF: frame %d of %d", k, BinaryExport.gifSteps(f.steps()).length)));
                    case "csv-forward" -> BinaryExport.csv(file, f, Direction.FORWARD);
                    case "csv-reverse" -> BinaryExport.csv(file, f, Direction.REVERSE);
                    default -> throw new IllegalArgumentException("unknown export " + kind);
                }
                return file;
            }
        };
        exportStatus.textProperty().bind(task.messageProperty());
        task.setOnSucceeded(e -> {
            exportStatus.textProperty().unbind();
            exportStatus.setText("Exported " + file.getFileName());
        });
        task.setOnFailed(e -> {
            exportStatus.textProperty().unbind();
            exportStatus.setText("");
            Throwable x = task.getException();
            errors.accept(x.getMessage() != null ? x.getMessage() : x.toString());
        });
        io.execute(task);
        return task;
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
}
