package org.diffusionlab.app.inpaint;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.diffusionlab.app.FileDialogs;
import org.diffusionlab.app.explain.ExplanationPanel;
import org.diffusionlab.app.explain.HighlightHub;
import org.diffusionlab.app.ui.MainAndSide;
import org.diffusionlab.app.ui.PaneLayout;
import org.diffusionlab.app.ui.Playback;
import org.diffusionlab.app.ui.PlaybackControls;
import org.diffusionlab.app.ui.Tooltips;
import org.diffusionlab.app.ui.Palette;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

/**
 * The Inpaint pane: choose an image (a random held-out one, a model sample, or a file of one's own, opened or
 * dropped), paint the mask on a large zoomed canvas, and watch the model fill it step by step; or add noise and watch
 * the model remove it. Original | input | result | difference side by side, a slider over t to replay the run, and
 * exports as PNG and animated GIF.
 */
public final class InpaintView extends BorderPane {

    /** Screen pixels per image pixel on the large canvas (28 pixels: 448 screen pixels). */
    static final int CANVAS_SIDE = 448;
    static final int PANEL_ZOOM = 5;
    static final int THUMB_ZOOM = 3;
    static final int CROP_SIDE = 180;
    /** The mask tools' column, and the results' column beside the canvas (one panel wide). */
    static final int TOOLS_WIDTH = 290;
    static final int RESULTS_WIDTH = 28 * PANEL_ZOOM + 30;

    private final InpaintViewModel vm;
    private final Supplier<FileDialogs> files;
    private final Consumer<String> errors;
    private final Executor io;
    private final Palette palette = new Palette("inpaint-background", "inpaint-outline", "inpaint-brush",
            "inpaint-crop");
    private final MaskCanvas canvas;
    private final HighlightHub highlights = new HighlightHub();
    private final ExplanationPanel explanation;
    private final Label canvasTitle = new Label();
    private final ImageView originalView = new ImageView();
    private final ImageView inputView = new ImageView();
    private final ImageView filledView = new ImageView();
    private final ImageView diffView = new ImageView();
    private final Label inputCaption = new Label();
    private final Label filledCaption = new Label();
    private final Label diffCaption = new Label();
    private final FlowPane fillThumbs = new FlowPane(6, 6);
    private final Slider tSlider = new Slider(0, 1, 0);
    private final Label tLabel = new Label();
    private final Label maskCount = new Label();
    private final Label status = new Label();
    private final Canvas cropCanvas = new Canvas(CROP_SIDE, CROP_SIDE);
    private final Label cropText = new Label();
    private final VBox cropBox;
    private final Label exportStatus = new Label();
    private boolean refreshQueued;

    public InpaintView(InpaintViewModel vm, Supplier<FileDialogs> files, Consumer<String> errors, Executor io) {
        this.vm = vm;
        this.files = files;
        this.errors = errors;
        this.io = io;
        explanation = InpaintExplanation.build(vm, highlights);
        setId("inpaint-pane");
        getStyleClass().add("inpaint-pane");
        getChildren().add(palette);
        canvas = new MaskCanvas(vm, palette, CANVAS_SIDE);

        cropBox = new VBox(4, sectionTitle("Your image"), cropCanvas, cropText);
        cropBox.setId("inpaint-crop");
        cropText.setWrapText(true);
        cropText.getStyleClass().add("inpaint-note");
        cropText.setMaxWidth(CROP_SIDE + 20);

        setTop(new VBox(toolbar(), runBar()));
        // the tools and the canvas wrap (tools above) when narrow; the results move under them (see PaneLayout)
        FlowPane toolsAndCanvas = new FlowPane(12, 8, tools(), centre());
        toolsAndCanvas.setPrefWrapLength(TOOLS_WIDTH + CANVAS_SIDE + 40);
        toolsAndCanvas.setAlignment(Pos.TOP_CENTER);
        // beside from 950 pixels: a 1366-pixel window with the explanation drawer open shows the results beside
        MainAndSide body = new MainAndSide(toolsAndCanvas, results(), RESULTS_WIDTH,
                TOOLS_WIDTH + 12 + CANVAS_SIDE + 20 + RESULTS_WIDTH + 8);
        setCenter(PaneLayout.body(body, CANVAS_SIDE + 40));
        // a message about an export belongs to the model and mode it was made in
        vm.modeProperty().addListener((o, a, b) -> exportStatus.setText(""));
        vm.modelProperty().addListener((o, a, b) -> exportStatus.setText(""));

        ChangeListener<Object> refresh = (o, a, b) -> requestRefresh();
        vm.maskRevisionProperty().addListener(refresh);
        vm.imageProperty().addListener(refresh);
        vm.resultProperty().addListener(refresh);
        vm.liveProperty().addListener(refresh);
        vm.tProperty().addListener(refresh);
        vm.selectedFillProperty().addListener(refresh);
        vm.modeProperty().addListener(refresh);
        vm.sigmaProperty().addListener(refresh);
        vm.viewRevisionProperty().addListener(refresh);
        vm.runningProperty().addListener(refresh);
        vm.scaleProperty().addListener(refresh);

        setOnDragOver(this::dragOver);
        setOnDragDropped(this::dropped);
        addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
        refreshNow();
    }

    public InpaintViewModel viewModel() {
        return vm;
    }

    public MaskCanvas canvas() {
        return canvas;
    }

    /** Re-reads the palette after a theme change. */
    public void restyle() {
        refreshNow();
    }

    // --------------------------------------------------------------------------------------------------------------
    // Layout

    private Node toolbar() {
        ComboBox<String> model = new ComboBox<>(FXCollections.observableArrayList(InpaintViewModel.MODELS));
        model.setId("inpaint-model");
        model.setConverter(new StringConverter<>() {
            @Override
            public String toString(String name) {
                return name == null ? "" : switch (name) {
                    case "digits" -> "Digits (MNIST)";
                    case "texture" -> "Texture (gravel)";
                    case "deadleaves" -> "Dead leaves";
                    default -> name;
                };
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        model.valueProperty().bindBidirectional(vm.modelProperty());
        model.setTooltip(new Tooltip("The shipped model that fills the image (each trained on its data set; "
                + "see assets/models/README.md)"));
        model.disableProperty().bind(vm.runningProperty());

        Button random = button("Random image", "inpaint-random", new FontIcon(MaterialDesignD.DICE_5), vm::randomImage,
                "A held-out image of the model's data set (never seen in training)");
        Button sample = button("Model sample", "inpaint-sample", new FontIcon(MaterialDesignC.CREATION), vm::modelSample,
                "An image the model draws itself (all T reverse steps, with the seed below)");
        Button open = button("Open image\u2026", "inpaint-open", new FontIcon(MaterialDesignF.FOLDER_OPEN), this::openFile,
                "An image file of your own (PNG, JPEG, GIF or BMP): converted to grey, its central square resized to "
                        + "the model's size. You can also drop a file on the pane.");
        for (Button b : List.of(random, sample, open)) {
            b.disableProperty().bind(vm.runningProperty().or(vm.loadingProperty()));
        }

        ToggleGroup modes = new ToggleGroup();
        ToggleButton fill = new ToggleButton("Fill");
        fill.setId("inpaint-mode-fill");
        fill.setTooltip(new Tooltip("Inpainting: the known pixels are clamped at every reverse step, the masked ones "
                + "are sampled"));
        ToggleButton denoise = new ToggleButton("Denoise");
        denoise.setId("inpaint-mode-denoise");
        denoise.setTooltip(new Tooltip("Add Gaussian noise to the whole image; each reverse step is multiplied by "
                + "that observation exactly (a product of Gaussians)"));
        fill.setToggleGroup(modes);
        denoise.setToggleGroup(modes);
        fill.getStyleClass().add("left-pill");
        denoise.getStyleClass().add("right-pill");
        fill.setSelected(vm.modeProperty().get() == Mode.FILL);
        denoise.setSelected(vm.modeProperty().get() == Mode.DENOISE);
        modes.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);        // one mode is always chosen
            } else {
                vm.modeProperty().set(b == fill ? Mode.FILL : Mode.DENOISE);
            }
        });
        vm.modeProperty().addListener((o, a, m) -> (m == Mode.FILL ? fill : denoise).setSelected(true));
        HBox modeBox = new HBox(fill, denoise);
        modeBox.disableProperty().bind(vm.runningProperty());

        FlowPane bar = PaneLayout.toolbar(label("Model"), model, new Separator(javafx.geometry.Orientation.VERTICAL),
                random, sample, open, new Separator(javafx.geometry.Orientation.VERTICAL), modeBox);
        bar.getStyleClass().add("inpaint-toolbar");
        return bar;
    }

    private Node runBar() {
        TextField seed = new TextField(Long.toString(vm.seedProperty().get()));
        seed.setId("inpaint-seed");
        seed.setPrefColumnCount(7);
        Tooltip seedTip = new Tooltip("Seed of the reverse process's noise (a whole number 0 to 999999999): the same "
                + "seed gives the same fill");
        seed.setTooltip(seedTip);
        Runnable applySeed = () -> {
            String s = seed.getText().trim();
            try {
                long v = Long.parseLong(s);
                if (v < 0 || v > 999_999_999L) {
                    throw new NumberFormatException();
                }
                vm.seedProperty().set(v);
                seed.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("error"), false);
                seed.setTooltip(seedTip);
            } catch (NumberFormatException e) {
                seed.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("error"), true);
                seed.setTooltip(new Tooltip("'" + s + "' is not a seed: type a whole number from 0 to 999999999"));
            }
        };
        seed.setOnAction(e -> applySeed.run());
        seed.focusedProperty().addListener((o, a, f) -> {
            if (!f) {
                applySeed.run();
            }
        });
        vm.seedProperty().addListener((o, a, v) -> seed.setText(Long.toString(v.longValue())));
        Button newSeed = button(null, "inpaint-new-seed", new FontIcon(MaterialDesignD.DICE_3), vm::newSeed,
                "A new random seed");

        CheckBox four = new CheckBox("4 fills");
        four.setId("inpaint-four");
        four.selectedProperty().bindBidirectional(vm.fourFillsProperty());
        four.setTooltip(new Tooltip("Draw four fills at once with the same mask: the model proposes different "
                + "plausible completions"));

        Button run = button("Fill", "inpaint-run", new FontIcon(MaterialDesignP.PLAY), vm::run,
                "Run the reverse process from t = T to 0 (F5 / Ctrl+Enter)");
        run.textProperty().bind(Bindings.createStringBinding(() -> vm.modeProperty().get() == Mode.FILL ? "Fill"
                : "Denoise", vm.modeProperty()));
        run.getStyleClass().add("accent");
        run.setDefaultButton(false);
        run.disableProperty().bind(vm.runningProperty().or(vm.loadingProperty()).or(vm.imageProperty().isNull()));
        Button cancel = button("Cancel", "inpaint-cancel", new FontIcon(MaterialDesignS.STOP), vm::cancel,
                "Stop the run before its next step; the previous result stays (Esc)");
        cancel.disableProperty().bind(vm.runningProperty().not());
        ProgressBar progress = new ProgressBar(0);
        progress.setId("inpaint-progress");
        progress.setPrefWidth(220);
        progress.progressProperty().bind(Bindings.when(vm.runningProperty()).then(vm.progressProperty()).otherwise(0.0));
        Label busy = new Label();
        busy.getStyleClass().add("inpaint-note");
        busy.textProperty().bind(Bindings.createStringBinding(() -> {
            var l = vm.liveProperty().get();
            return l == null ? "" : String.format(Locale.ROOT, "t = %d of %d", l.t(), l.steps());
        }, vm.liveProperty()));

        FlowPane bar = PaneLayout.toolbar(label("Seed"), seed, newSeed, four,
                new Separator(javafx.geometry.Orientation.VERTICAL), run, cancel, progress, busy);
        bar.getStyleClass().addAll("inpaint-toolbar", "second");
        return bar;
    }

    private Node tools() {
        ToggleGroup group = new ToggleGroup();
        ToggleButton brush = tool("Brush", "tool-brush", new FontIcon(MaterialDesignB.BRUSH), InpaintViewModel.Tool.BRUSH,
                group, "Paint pixels to fill (the right button erases)");
        ToggleButton eraser = tool("Eraser", "tool-eraser", new FontIcon(MaterialDesignE.ERASER),
                InpaintViewModel.Tool.ERASER, group, "Make painted pixels known again");
        ToggleButton rect = tool("Rectangle", "tool-rectangle", new FontIcon(MaterialDesignS.SELECTION),
                InpaintViewModel.Tool.RECTANGLE, group, "Drag a rectangle to fill (right button or Shift: to clear)");
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            } else {
                vm.toolProperty().set((InpaintViewModel.Tool) b.getUserData());
            }
        });
        vm.toolProperty().addListener((o, a, t) -> group.getToggles().stream()
                .filter(x -> x.getUserData() == t).findFirst().ifPresent(x -> x.setSelected(true)));

        Slider size = new Slider(InpaintViewModel.MIN_BRUSH, InpaintViewModel.MAX_BRUSH, vm.brushSizeProperty().get());
        size.setId("inpaint-brush-size");
        size.setMajorTickUnit(1);
        size.setMinorTickCount(0);
        size.setSnapToTicks(true);
        size.valueProperty().addListener((o, a, v) -> vm.brushSizeProperty().set((int) Math.round(v.doubleValue())));
        vm.brushSizeProperty().addListener((o, a, v) -> size.setValue(v.intValue()));
        Label sizeLabel = new Label();
        sizeLabel.textProperty().bind(vm.brushSizeProperty().asString("Brush size %d px"));
        size.setTooltip(new Tooltip("Diameter of the brush and eraser, image pixels (1 to "
                + InpaintViewModel.MAX_BRUSH + ")"));

        Button invert = button("Invert", "mask-invert", new FontIcon(MaterialDesignI.INVERT_COLORS),
                () -> vm.mask().invert(), "Masked pixels become known and known ones masked");
        Button clear = button("Clear", "mask-clear", new FontIcon(MaterialDesignB.BROOM), () -> vm.mask().clear(),
                "Nothing masked");
        Button centre = button("Centre square", "mask-centre", new FontIcon(MaterialDesignS.SQUARE_OUTLINE),
                () -> vm.mask().centreSquare(), "The paper's bark figure: the centre of the image replaced by noise");
        Button left = button("Left half", "mask-left", new FontIcon(MaterialDesignV.VIEW_SPLIT_VERTICAL),
                () -> vm.mask().leftHalf(), "The released code's figure: the left half filled");
        Button undo = button("Undo", "mask-undo", new FontIcon(MaterialDesignU.UNDO), () -> vm.mask().undo(),
                "Undo the last mask edit (Ctrl+Z)");
        Button redo = button("Redo", "mask-redo", new FontIcon(MaterialDesignR.REDO), () -> vm.mask().redo(),
                "Redo (Ctrl+Y or Ctrl+Shift+Z)");
        undo.disableProperty().bind(Bindings.createBooleanBinding(() -> !vm.mask().canUndo() || vm.runningProperty().get(),
                vm.maskRevisionProperty(), vm.runningProperty()));
        redo.disableProperty().bind(Bindings.createBooleanBinding(() -> !vm.mask().canRedo() || vm.runningProperty().get(),
                vm.maskRevisionProperty(), vm.runningProperty()));
        GridPane buttons = new GridPane();
        buttons.getStyleClass().add("button-grid");
        buttons.addRow(0, invert, clear);
        buttons.addRow(1, centre, left);
        buttons.addRow(2, undo, redo);
        for (Node n : buttons.getChildren()) {
            ((Region) n).setMaxWidth(Double.MAX_VALUE);
            GridPane.setHgrow(n, Priority.ALWAYS);
        }
        maskCount.setId("inpaint-mask-count");
        maskCount.getStyleClass().add("inpaint-note");
        GridPane toolGrid = new GridPane();
        toolGrid.getStyleClass().add("button-grid");
        toolGrid.addRow(0, brush, eraser);
        toolGrid.addRow(1, rect);
        for (Node n : toolGrid.getChildren()) {
            ((Region) n).setMaxWidth(Double.MAX_VALUE);
            GridPane.setHgrow(n, Priority.ALWAYS);
        }
        VBox maskTools = new VBox(8, sectionTitle("Mask"), toolGrid, sizeLabel, size, buttons, maskCount);
        maskTools.disableProperty().bind(vm.runningProperty());
        maskTools.visibleProperty().bind(vm.modeProperty().isEqualTo(Mode.FILL));
        maskTools.managedProperty().bind(maskTools.visibleProperty());

        Slider sigma = new Slider(InpaintViewModel.MIN_SIGMA, InpaintViewModel.MAX_SIGMA, vm.sigmaProperty().get());
        sigma.setId("inpaint-sigma");
        sigma.valueProperty().bindBidirectional(vm.sigmaProperty());
        sigma.setTooltip(new Tooltip("Standard deviation of the Gaussian noise added to every pixel, in grey levels "
                + "(black 0, white 1)"));
        Label sigmaLabel = new Label();
        sigmaLabel.textProperty().bind(vm.sigmaProperty().asString(Locale.ROOT, "Noise level \u03c3 = %.2f"));
        Label sigmaNote = new Label("The noisy image is the original plus \u03c3 \u00b7 N(0, 1) in every pixel "
                + "(seeded). Each reverse step is multiplied by N(x; noisy, \u03c3\u00b2), an exact product of "
                + "Gaussians.");
        sigmaNote.setWrapText(true);
        sigmaNote.getStyleClass().add("inpaint-note");
        sigmaNote.setMaxWidth(270);
        VBox noise = new VBox(8, sectionTitle("Noise"), sigmaLabel, sigma, sigmaNote);
        noise.disableProperty().bind(vm.runningProperty());
        noise.visibleProperty().bind(vm.modeProperty().isEqualTo(Mode.DENOISE));
        noise.managedProperty().bind(noise.visibleProperty());

        cropBox.setVisible(false);
        cropBox.managedProperty().bind(cropBox.visibleProperty());
        VBox side = new VBox(16, maskTools, noise, cropBox);
        side.getStyleClass().add("inpaint-side");
        side.setPrefWidth(TOOLS_WIDTH);
        side.setMinWidth(TOOLS_WIDTH);
        side.setMaxWidth(TOOLS_WIDTH);
        return side;
    }

    private Node centre() {
        canvasTitle.setId("inpaint-canvas-title");
        canvasTitle.getStyleClass().add("view-title");
        Label hint = new Label("Drag to paint \u00b7 right button erases \u00b7 drop an image file anywhere on the pane");
        hint.getStyleClass().add("inpaint-note");
        hint.visibleProperty().bind(vm.modeProperty().isEqualTo(Mode.FILL));
        hint.setWrapText(true);
        hint.setMaxWidth(CANVAS_SIDE + 20);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        StackPane frame = new StackPane(canvas);
        frame.getStyleClass().add("inpaint-canvas-frame");
        frame.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        status.setId("inpaint-status");
        status.getStyleClass().add("inpaint-status");
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        status.setMaxWidth(CANVAS_SIDE + 20);
        status.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(6, canvasTitle, frame, status, hint);
        box.setAlignment(Pos.TOP_CENTER);
        box.getStyleClass().add("inpaint-centre");
        return box;
    }

    private VBox results() {
        // one column beside the canvas, a row (or two) under it when the pane is narrow (see PaneLayout)
        FlowPane grid = new FlowPane(8, 8, panel("Original", null, originalView, "panel-original"),
                panel(null, inputCaption, inputView, "panel-input"), panel(null, filledCaption, filledView, "panel-filled"),
                panel(null, diffCaption, diffView, "panel-diff"));
        grid.getStyleClass().add("inpaint-panels");
        grid.setPrefWrapLength(RESULTS_WIDTH);

        fillThumbs.setId("inpaint-fills");
        fillThumbs.managedProperty().bind(fillThumbs.visibleProperty());
        Label fillsTitle = new Label("The fills (click one to show it)");
        fillsTitle.getStyleClass().add("inpaint-note");
        fillsTitle.setWrapText(true);
        fillsTitle.setMinHeight(Region.USE_PREF_SIZE);
        fillsTitle.visibleProperty().bind(fillThumbs.visibleProperty());
        fillsTitle.managedProperty().bind(fillThumbs.visibleProperty());

        Node replay = replayControls();
        Button png = button("Export PNG\u2026", "inpaint-export-png", new FontIcon(MaterialDesignF.FILE_EXPORT),
                this::exportPng, "Original | input | result | difference, one row per fill");
        Button gif = button("Export GIF\u2026", "inpaint-export-gif", new FontIcon(MaterialDesignF.FILE_GIF_BOX),
                this::exportGif, "The run as an animated GIF, x_t from T down to 0");
        png.disableProperty().bind(vm.resultProperty().isNull().or(vm.runningProperty()));
        gif.disableProperty().bind(vm.resultProperty().isNull().or(vm.runningProperty()));
        exportStatus.getStyleClass().add("inpaint-note");
        exportStatus.setId("inpaint-export-status");

        exportStatus.setWrapText(true);
        VBox box = new VBox(10, grid, fillsTitle, fillThumbs, replay, new FlowPane(8, 8, png, gif), exportStatus);
        box.getStyleClass().add("inpaint-results");
        return box;
    }

    /**
     * Play/Pause and the t slider of the replay. The slider reads as the run goes: noise (t = T) at its left end, the
     * result (t = 0) at its right, so its value is T - t.
     */
    private Node replayControls() {
        Playback p = vm.replay();
        Button play = PlaybackControls.play(p, "inpaint-play", vm.replayableProperty().not());
        Tooltips.install(play, "Replay the run from t = T (noise) to t = 0 (the result), or pause it.");
        tSlider.setId("inpaint-t");
        tSlider.setBlockIncrement(1);
        tSlider.valueProperty().addListener((o, a, v) -> {
            if (!vm.runningProperty().get()) {
                vm.tProperty().set((int) Math.round(tSlider.getMax() - v.doubleValue()));
            }
        });
        tSlider.disableProperty().bind(vm.replayableProperty().not());
        tSlider.setTooltip(new Tooltip("Replay the run: x_t from t = T (noise, left) to t = 0 (the result, right)"));
        HBox.setHgrow(tSlider, Priority.ALWAYS);
        tSlider.setMinWidth(50);
        play.setMinWidth(Region.USE_PREF_SIZE);         // "Play" / "Pause" is never cut short
        Label noiseEnd = new Label("noise");
        Label resultEnd = new Label("result");
        noiseEnd.getStyleClass().add("inpaint-note");
        resultEnd.getStyleClass().add("inpaint-note");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox ends = new HBox(noiseEnd, gap, resultEnd);
        ends.setId("inpaint-t-ends");
        tLabel.setId("inpaint-t-label");
        tLabel.getStyleClass().add("t-label");
        tLabel.setWrapText(true);                       // one panel wide beside the canvas: it may take two lines
        tLabel.setMinHeight(Region.USE_PREF_SIZE);
        HBox row = new HBox(8, play, tSlider);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(2, tLabel, row, ends);
    }

    private static VBox panel(String title, Label caption, ImageView view, String id) {
        Label c = caption == null ? new Label(title) : caption;
        c.getStyleClass().add("inpaint-caption");
        Label empty = new Label("Not run yet");
        empty.getStyleClass().add("inpaint-note");
        empty.visibleProperty().bind(view.imageProperty().isNull());
        StackPane frame = new StackPane(view, empty);
        frame.getStyleClass().add("inpaint-panel-frame");
        frame.setPrefSize(28 * PANEL_ZOOM, 28 * PANEL_ZOOM);
        frame.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        VBox box = new VBox(4, c, frame);
        box.setId(id);
        return box;
    }

    private static Label sectionTitle(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("inpaint-section");
        return l;
    }

    private static Label label(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("field-label");
        return l;
    }

    private static Button button(String text, String id, FontIcon icon, Runnable action, String tip) {
        Button b = new Button(text, icon);
        b.setId(id);
        b.setOnAction(e -> action.run());
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private static ToggleButton tool(String text, String id, FontIcon icon, InpaintViewModel.Tool tool, ToggleGroup group,
                                     String tip) {
        ToggleButton b = new ToggleButton(text, icon);
        b.setId(id);
        b.setUserData(tool);
        b.setToggleGroup(group);
        b.setTooltip(new Tooltip(tip));
        b.setSelected(tool == InpaintViewModel.Tool.BRUSH);
        return b;
    }

    // --------------------------------------------------------------------------------------------------------------
    // Drawing

    private void requestRefresh() {
        if (!refreshQueued) {
            refreshQueued = true;
            Platform.runLater(() -> {
                refreshQueued = false;
                refreshNow();
            });
        }
    }

    /** Redraws everything from the view model now (tests call this instead of waiting for a pulse). */
    public void refreshNow() {
        refreshQueued = false;
        Mode mode = vm.modeProperty().get();
        var scale = vm.scaleProperty().get();
        int n = vm.mask().size();
        var live = vm.liveProperty().get();
        var r = vm.shownResult();
        boolean current = vm.resultIsCurrent();
        int steps = live != null ? live.steps() : r != null ? r.steps() : scale == null ? 0 : scale.steps();
        int t = live != null ? live.t() : vm.tProperty().get();

        if (vm.imageProperty().get() == null) {
            canvasTitle.setText(vm.isActivated() ? "Loading\u2026" : "");
        } else if (live != null) {
            canvasTitle.setText(String.format(Locale.ROOT, "x_t at t = %d of %d: the reverse process at work", t, steps));
        } else if (current) {
            canvasTitle.setText(t == 0 ? (mode == Mode.FILL ? "Filled (t = 0)" : "Denoised (t = 0)")
                    : String.format(Locale.ROOT, "x_t at t = %d of %d", t, steps));
        } else {
            canvasTitle.setText(mode == Mode.FILL ? "Paint the pixels to fill (shown as noise)"
                    : "The noisy image the model is given");
        }
        canvas.redraw();

        var img = vm.imageProperty().get();
        // a previous result stays on the panels (with its own original) until a new run succeeds
        boolean showResult = live == null && r != null;
        float[] original = showResult ? r.job().image().pixels() : img == null ? null : img.pixels();
        float[] input = showResult ? r.job().input() : vm.input();
        Mode shownMode = showResult ? r.job().mode() : mode;
        String[] caps = InpaintExport.captions(shownMode);
        inputCaption.setText(cap(caps[1]));
        filledCaption.setText(cap(caps[2]) + (live != null || (r != null && t > 0)
                ? String.format(Locale.ROOT, " (t = %d)", t) : ""));
        diffCaption.setText(caps[3]);
        setImage(originalView, original, n, PANEL_ZOOM);
        setImage(inputView, input, n, PANEL_ZOOM);
        setImage(filledView, vm.shownFill(), n, PANEL_ZOOM);
        setImage(diffView, vm.difference(), n, PANEL_ZOOM);

        int fills = live != null ? live.images().length : r != null ? r.fills() : 1;
        fillThumbs.setVisible(fills > 1);
        if (fills > 1) {
            fillThumbs.getChildren().clear();
            for (int i = 0; i < fills; i++) {
                float[] px = live != null ? live.images()[i] : r.image(Math.max(0, Math.min(r.steps(), t)), i);
                ImageView v = new ImageView(GreyImages.image(px, n, n, THUMB_ZOOM));
                StackPane cell = new StackPane(v);
                cell.setId("fill-" + i);
                cell.getStyleClass().add("inpaint-thumb");
                if (i == vm.selectedFillProperty().get()) {
                    cell.getStyleClass().add("selected");
                }
                int k = i;
                cell.setOnMouseClicked(e -> vm.selectedFillProperty().set(k));
                fillThumbs.getChildren().add(cell);
            }
        }

        tSlider.setMax(Math.max(1, steps));
        if (tSlider.getValue() != tSlider.getMax() - t) {
            tSlider.setValue(tSlider.getMax() - t);
        }
        tLabel.setText(r == null && live == null ? "Replay: run " + (mode == Mode.FILL ? "a fill" : "a denoising")
                + " first" : String.format(Locale.ROOT, "t = %d / %d%s", t, steps,
                t == steps ? " (noise)" : t == 0 ? " (the result)" : ""));
        maskCount.setText(String.format(Locale.ROOT, "%d of %d pixels masked", vm.mask().count(), n * n));

        SourceImage.Crop crop = img == null ? null : img.crop();
        cropBox.setVisible(crop != null);
        if (crop != null) {
            drawCrop(crop, img);
        }
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void setImage(ImageView view, float[] px, int n, int zoom) {
        view.setImage(px == null ? null : GreyImages.image(px, n, n, zoom));
    }

    private void drawCrop(SourceImage.Crop crop, SourceImage img) {
        GraphicsContext g = cropCanvas.getGraphicsContext2D();
        g.setFill(palette.color("inpaint-background"));
        g.fillRect(0, 0, CROP_SIDE, CROP_SIDE);
        double k = Math.min(CROP_SIDE / (double) crop.thumbWidth(), CROP_SIDE / (double) crop.thumbHeight());
        int zoom = Math.max(1, (int) Math.floor(k));
        double w = crop.thumbWidth() * zoom;
        double h = crop.thumbHeight() * zoom;
        double ox = (CROP_SIDE - w) / 2;
        double oy = (CROP_SIDE - h) / 2;
        g.setImageSmoothing(false);
        g.drawImage(GreyImages.image(crop.thumb(), crop.thumbWidth(), crop.thumbHeight(), zoom), ox, oy);
        double s = w / crop.width();
        g.setStroke(palette.color("inpaint-crop"));
        g.setLineWidth(2);
        g.strokeRect(ox + crop.x0() * s + 1, oy + crop.y0() * s + 1, crop.side() * s - 2, crop.side() * s - 2);
        cropText.setText(String.format(Locale.ROOT, "%s: %d \u00d7 %d pixels. %s resized to %d \u00d7 %d.",
                img.title(), crop.width(), crop.height(),
                crop.cropped() ? "The marked central square is" : "The whole image is", img.size(), img.size()));
    }

    // --------------------------------------------------------------------------------------------------------------
    // Files

    private void openFile() {
        FileDialogs d = files.get();
        if (d == null) {
            return;
        }
        Path p = d.open("Open image", "Images (PNG, JPEG, GIF, BMP)", List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp"));
        if (p != null) {
            vm.open(p);
        }
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles() && !vm.runningProperty().get()) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        List<File> dropped = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
        boolean ok = !dropped.isEmpty() && !vm.runningProperty().get();
        if (ok) {
            vm.open(dropped.get(0).toPath());
        }
        e.setDropCompleted(ok);
        e.consume();
    }

    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO2 = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    private static final KeyCombination RUN = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);

    private void keys(KeyEvent e) {
        if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            return;
        }
        boolean running = vm.runningProperty().get();
        if (REDO2.match(e) || REDO.match(e)) {
            if (!running) {
                vm.mask().redo();
            }
        } else if (UNDO.match(e)) {
            if (!running) {
                vm.mask().undo();
            }
        } else if (RUN.match(e)) {
            if (!running && !vm.loadingProperty().get()) {
                vm.run();
            }
        } else if (e.getCode() == KeyCode.ESCAPE && running) {
            vm.cancel();
        } else {
            return;
        }
        e.consume();
    }

    private void exportPng() {
        FileDialogs d = files.get();
        FillResult r = vm.resultProperty().get();
        if (d == null || r == null) {
            return;
        }
        Path p = d.save("Export the result as PNG", "PNG images", ".png", "inpaint.png");
        if (p != null) {
            exportPng(p);
        }
    }

    /** Writes the newest result's comparison as PNG on the export thread. */
    public Task<Path> exportPng(Path file) {
        FillResult r = vm.resultProperty().get();
        return export(file, "PNG", () -> InpaintExport.png(file, r));
    }

    private void exportGif() {
        FileDialogs d = files.get();
        FillResult r = vm.resultProperty().get();
        if (d == null || r == null) {
            return;
        }
        Path p = d.save("Export the run as an animated GIF", "GIF images", ".gif", "inpaint.gif");
        if (p != null) {
            exportGif(p);
        }
    }

    /** Writes the newest run as an animated GIF on the export thread. */
    public Task<Path> exportGif(Path file) {
        FillResult r = vm.resultProperty().get();
        return export(file, "GIF", () -> InpaintExport.gif(file, r, null));
    }

    private interface Io {
        void run() throws Exception;
    }

    private Task<Path> export(Path file, String what, Io work) {
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                work.run();
                return file;
            }
        };
        exportStatus.setText("Writing " + what + "\u2026");
        task.setOnSucceeded(e -> exportStatus.setText("Wrote " + file.getFileName()));
        task.setOnFailed(e -> {
            String m = InpaintViewModel.message(task.getException());
            exportStatus.setText("Export failed");
            errors.accept(m);
        });
        io.execute(task);
        return task;
    }

    /** What this pane shows, in words and equations (the window puts it in the pane's drawer). */
    public ExplanationPanel explanation() {
        return explanation;
    }
}
