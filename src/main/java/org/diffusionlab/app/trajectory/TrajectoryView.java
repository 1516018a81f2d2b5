package org.diffusionlab.app.trajectory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.diffusionlab.app.FileDialogs;
import org.diffusionlab.app.explain.ExplanationPanel;
import org.diffusionlab.app.explain.HighlightHub;
import org.diffusionlab.app.explain.PlotElement;
import org.diffusionlab.app.explain.Pointing;
import org.diffusionlab.app.ui.ColourMap;
import org.diffusionlab.app.ui.ExportRunner;
import org.diffusionlab.app.ui.Palette;
import org.diffusionlab.app.ui.MainAndSide;
import org.diffusionlab.app.ui.PaneLayout;
import org.diffusionlab.app.ui.Playback;
import org.diffusionlab.app.ui.PlaybackControls;
import org.diffusionlab.app.ui.PointRaster;
import org.diffusionlab.app.ui.Tooltips;
import org.diffusionlab.app.ui.ValidatedField;
import org.diffusionlab.data.Datasets;
import org.diffusionlab.data.UserData;
import org.diffusionlab.data.UserDataCsv;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

/**
 * The Trajectory pane (the paper's Figure 1, live): the forward process q dissolving the data into noise and the
 * model's reverse process p pulling noise back into data. A large view at the selected t (q, p, or both side by
 * side) with the drift arrows, the reverse variance as a heat map and a few followed paths; small multiples at
 * t = 0, T/2 and T in three rows (q, p, and the drift, as in the figure); a slider, playback, point count and seed;
 * exports; and a drawing mode where the user makes a data set of their own and trains on it.
 */
public final class TrajectoryView extends BorderPane {

    /** The side column's width beside the large views, and the pane width from which it stands there. */
    private static final double SIDE_WIDTH = 420;
    private static final double SIDE_BESIDE_FROM = 860;
    /** The large views never get smaller than this; below it the pane scrolls. */
    private static final double MIN_VIEW_HEIGHT = 300;
    private static final double MIN_BODY_WIDTH = 440;

    /** Why "Train on this data" is greyed out, or "". */
    private final javafx.beans.binding.StringBinding useBlockedReason;

    private static final int FOLLOWED = 6;

    private final TrajectoryViewModel vm;
    private final Supplier<FileDialogs> files;
    private final Consumer<String> errors;
    private final Predicate<String> useDataset;
    private final Executor io;
    private final ExportRunner exports;
    private final Palette palette = new Palette("traj-background", "traj-frame", "traj-axis", "traj-ink", "traj-arrow",
            "traj-path", "traj-stroke", "traj-c0", "traj-c1", "traj-c2", "traj-c3", "traj-c4", "traj-c5", "traj-c6",
            "traj-heat0", "traj-heat1", "traj-heat2", "traj-arrow-pointed");
    private FrameRenderer.Style style;
    /** The style with the drift arrows in the accent colour, while f_mu or the arrows are pointed at. */
    private FrameRenderer.Style pointedStyle;
    private final HighlightHub highlights = new HighlightHub();
    private final ExplanationPanel explanation;

    private final FrameView forwardView;
    private final FrameView reverseView;
    private final FrameView drawView;
    private final Label forwardTitle = new Label();
    private final Label reverseTitle = new Label();
    private final List<FrameView> multiples = new ArrayList<>();
    private final List<Region> multipleCells = new ArrayList<>();
    private final Label arrowLegend = new Label();
    private final Label heatLegend = new Label();
    private final Label colourLegend = new Label();
    private final Canvas colourBar = new Canvas(300, 12);
    private final Label tLabel = new Label();
    private final HBox largeViews = new HBox(12);
    private final StackPane centre = new StackPane();
    private final Label exportStatus = new Label();
    private int[] followForward = new int[0];
    private int[] followReverse = new int[0];
    private TrajectoryFrames followedFor;
    private boolean redrawQueued;

    /**
     * @param useDataset  makes a data set the Train pane's training set and shows that pane; false if the user
     *                    declined (keeping the training the run had)
     * @param canUseData  false while training runs (the training set cannot change then)
     */
    public TrajectoryView(TrajectoryViewModel vm, Supplier<FileDialogs> files, Consumer<String> errors,
                          Predicate<String> useDataset, ObservableBooleanValue canUseData, Executor io) {
        this.vm = vm;
        this.files = files;
        this.errors = errors;
        this.useDataset = useDataset;
        this.io = io;
        this.exports = new ExportRunner(exportStatus, errors, io);
        getStyleClass().add("trajectory-pane");
        setId("trajectory-pane");
        getChildren().add(palette);

        forwardView = new FrameView(() -> content(Direction.FORWARD, vm.tProperty().get(), true), 200);
        forwardView.setId("view-forward");
        reverseView = new FrameView(() -> content(Direction.REVERSE, vm.tProperty().get(), true), 200);
        reverseView.setId("view-reverse");
        drawView = new FrameView(() -> new FrameView.Content(null, null, 0, FrameRenderer.Overlays.none(), style(),
                null), 200);
        drawView.setId("draw-canvas");
        drawView.setOverlay(this::drawStrokes);

        useBlockedReason = vm.useDrawingBlockedReason(canUseData);
        setTop(new VBox(playbackBar(), optionsBar()));
        setCenter(PaneLayout.body(mainArea(), MIN_BODY_WIDTH));
        Label status = new Label();
        status.setId("trajectory-status");
        // while drawing, the status line says why the drawing cannot be trained on (if it cannot)
        status.textProperty().bind(Bindings.when(vm.drawingProperty().and(useBlockedReason.isNotEmpty()))
                .then(useBlockedReason).otherwise(vm.statusProperty()));
        exportStatus.setId("export-status");
        setBottom(StatusBar.create(status, exportStatus, "trajectory-busy", vm.computingProperty()));

        vm.framesProperty().addListener((o, a, f) -> {
            chooseFollowed(f);
            requestRedraw();
        });
        for (var p : List.of(vm.tProperty(), vm.directionProperty(), vm.driftProperty(), vm.heatProperty(),
                vm.pathsProperty(), vm.ellipsesProperty())) {
            p.addListener((o, a, b) -> requestRedraw());
        }
        vm.directionProperty().addListener((o, a, b) -> layoutViews());
        vm.drawingProperty().addListener((o, a, b) -> layoutViews());
        vm.drawing().versionProperty().addListener((o, a, b) -> drawView.redraw());
        sceneProperty().addListener((o, a, s) -> restyle());
        installMouse();
        layoutViews();
        updateTLabel();

        explanation = TrajectoryExplanation.build(vm, highlights);
        highlights.activeProperty().addListener((o, a, b) -> requestRedraw());
        Pointing.install(forwardView, PlotElement.FORWARD, highlights);
        Pointing.install(reverseView, PlotElement.REVERSE, highlights);
        Pointing.install(arrowLegend, PlotElement.DRIFT, highlights);
        Pointing.install(heatLegend, PlotElement.REVERSE_VARIANCE, highlights);
    }

    /** What this pane shows, in words and equations (the window puts it in the pane's drawer). */
    public ExplanationPanel explanation() {
        return explanation;
    }

    /** Which drawn element is pointed at (by an equation term, a legend row or the pictures). */
    public HighlightHub highlights() {
        return highlights;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Layout

    private Node playbackBar() {
        ComboBox<Direction> direction = new ComboBox<>(FXCollections.observableArrayList(Direction.values()));
        direction.setId("direction");
        direction.valueProperty().bindBidirectional(vm.directionProperty());
        tip(direction, "Which process the large view shows: the forward process q (data \u2192 noise), the model's "
                + "reverse process p (noise \u2192 data), or both side by side.");

        Playback p = vm.playback();
        Button play = PlaybackControls.play(p, "play", vm.framesProperty().isNull());
        Button back = PlaybackControls.step(p, "step-back", -1);
        Button forward = PlaybackControls.step(p, "step-forward", 1);

        Slider slider = PlaybackControls.t(p, "t-slider", steps -> Math.max(0, Math.min(9, steps / 4 - 1)));
        slider.setMajorTickUnit(10);
        slider.setMinorTickCount(9);
        slider.setSnapToTicks(true);
        vm.tProperty().addListener((o, a, b) -> updateTLabel());
        vm.stepsProperty().addListener((o, a, b) -> updateTLabel());
        tip(slider, "The diffusion step t shown, from 0 (data) to T (noise).");
        tLabel.setId("t-label");
        tLabel.getStyleClass().add("t-label");

        ComboBox<Double> speed = PlaybackControls.speed(p, "speed", TrajectoryViewModel.SPEEDS);
        tip(speed, "Playback speed in diffusion steps per second.");
        CheckBox loop = PlaybackControls.loop(p, "loop");

        FlowPane bar = PaneLayout.toolbar(direction, play, back, slider, forward, tLabel, speed, loop);
        bar.getStyleClass().add("trajectory-toolbar");
        return bar;
    }

    private Node optionsBar() {
        TextField points = validated("points", vm.pointsProperty(), vm.pointsError(), 90,
                "Number of points drawn in each process: 1,000 to 100,000. More points take longer to compute.");
        TextField seed = validated("trajectory-seed", vm.seedProperty(), vm.seedError(), 80,
                "The seed of the data points and of all the noise: the same seed and model give the same pictures.");
        Button newNoise = new Button("New noise", new FontIcon(MaterialDesignD.DICE_MULTIPLE));
        newNoise.setId("new-noise");
        newNoise.setOnAction(e -> vm.newNoise());
        tip(newNoise, "Draw new trajectories with a new seed (shown in the seed field).");

        CheckBox drift = check("show-drift", "Drift arrows", vm.driftProperty(),
                "The reverse kernel's drift f_\u03bc(x_t, t) \u2212 x_t at t on a grid (the paper's Figure 1, third row); "
                        + "arrows are lengthened so the longest fills a grid cell (the factor is shown).");
        CheckBox heat = check("show-heat", "f\u03a3 heat map", vm.heatProperty(),
                "The reverse kernel's variance f_\u03a3(x_t, t) at t, from \u03b2\u0303_t (the posterior's variance, "
                        + "lightest) to \u03b2_t (the forward step's, darkest): the range the entropy bounds allow.");
        CheckBox ellipses = check("show-ellipses", "\u03a3 ellipses", vm.ellipsesProperty(),
                "The reverse kernel's covariance f_\u03a3(x_t, t) at t as one-standard-deviation ellipses on the grid, "
                        + "all enlarged by one factor (shown). The paper's diagonal kernel can only draw upright "
                        + "ellipses; a full-covariance model's tilt along the data's slant.");
        CheckBox paths = check("show-paths", "Paths", vm.pathsProperty(),
                "Follow a few single points along their whole path up to t. Click a point in a large view to "
                        + "follow it instead.");

        ToggleButton draw = new ToggleButton("Draw data", new FontIcon(MaterialDesignP.PENCIL));
        draw.setId("draw-mode");
        draw.selectedProperty().bindBidirectional(vm.drawingProperty());
        tip(draw, "Make a data set of your own: click for points, drag for strokes, or load a two-column CSV; then "
                + "train on it.");

        MenuButton export = ExportMenu.create("trajectory-export", "", "Animation as GIF\u2026", files,
                kind -> switch (kind) {
                    case "png" -> "trajectory-t" + vm.tProperty().get() + ".png";
                    case "gif" -> "trajectory.gif";
                    case "csv-forward" -> "forward-trajectory.csv";
                    default -> "reverse-trajectory.csv";
                }, this::export);
        export.disableProperty().bind(vm.framesProperty().isNull());

        FlowPane bar = PaneLayout.toolbar(new Label("Points"), points, new Label("Seed"), seed, newNoise, separator(),
                drift, heat, ellipses, paths, separator(), draw, export);
        bar.getStyleClass().addAll("trajectory-toolbar", "second");
        return bar;
    }

    /** The large views in the main column; the small multiples and legends (or the drawing tools) beside or under. */
    private MainAndSide mainArea() {
        largeViews.setId("large-views");
        HBox.setHgrow(largeViews, Priority.ALWAYS);
        centre.getChildren().add(largeViews);
        HBox.setHgrow(centre, Priority.ALWAYS);

        // Small multiples: rows q, p and drift; columns t = 0, T/2, T (t = 1 for the drift, which starts there).
        GridPane grid = new GridPane();
        grid.setId("multiples");
        grid.setHgap(6);
        grid.setVgap(4);
        String[] rows = {"q", "p", "drift"};
        for (int r = 0; r < 3; r++) {
            Label rowLabel = new Label(rows[r]);
            rowLabel.getStyleClass().add("view-title");
            rowLabel.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(rowLabel, 0, r);
            for (int c = 0; c < 3; c++) {
                int row = r;
                int col = c;
                FrameView v = new FrameView(() -> multipleContent(row, col), 90);
                v.setId("multiple-" + rows[r] + "-" + c);
                v.setPrefSize(120, 120);
                StackPane cell = new StackPane(v);
                cell.setOnMouseClicked(e -> vm.tProperty().set(multipleT(row, col)));
                cell.setCursor(javafx.scene.Cursor.HAND);
                Tooltip.install(cell, new Tooltip("Show this step in the large view"));
                multiples.add(v);
                multipleCells.add(cell);
                grid.add(cell, c + 1, r);
            }
        }
        Label caption = new Label("Small multiples at t = 0, T/2, T (drift from t = 1), as in the paper's Figure 1. "
                + "Click one to show its step.");
        caption.setWrapText(true);
        caption.getStyleClass().add("multiples-caption");

        colourLegend.setWrapText(true);
        colourLegend.getStyleClass().add("legend-text");
        colourLegend.setId("colour-legend");
        arrowLegend.getStyleClass().add("legend-text");
        arrowLegend.setId("arrow-legend");
        heatLegend.getStyleClass().add("legend-text");
        heatLegend.setId("heat-legend");
        heatLegend.setWrapText(true);

        VBox legends = new VBox(6, caption, colourBar, colourLegend, arrowLegend, heatLegend);
        for (Label l : List.of(caption, colourLegend, arrowLegend, heatLegend)) {
            l.setMinHeight(Region.USE_PREF_SIZE);      // wrap, never cut short
        }
        // while drawing, the tools take the legends' place (the legends describe the trajectories)
        legends.visibleProperty().bind(vm.drawingProperty().not());
        legends.managedProperty().bind(legends.visibleProperty());
        VBox side = new VBox(grid, legends, drawTools());
        side.getStyleClass().add("trajectory-side");
        centre.setMinHeight(MIN_VIEW_HEIGHT);
        MainAndSide main = new MainAndSide(centre, side, SIDE_WIDTH, SIDE_BESIDE_FROM);
        main.getStyleClass().add("trajectory-main");
        return main;
    }

    private Node drawTools() {
        Label hint = new Label("Click to add points, drag to draw strokes (sampled every "
                + Drawing.SPACING + " units). The data are scaled to unit variance for training.");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.getStyleClass().add("draw-hint");
        Label count = new Label();
        count.setId("draw-count");
        count.textProperty().bind(vm.drawing().pointsProperty().asString("%,d points"));
        Button undo = new Button("Undo", new FontIcon(MaterialDesignU.UNDO));
        undo.setId("draw-undo");
        undo.setOnAction(e -> vm.drawing().undo());
        Button clear = new Button("Clear", new FontIcon(MaterialDesignD.DELETE_OUTLINE));
        clear.setId("draw-clear");
        clear.setOnAction(e -> vm.drawing().clear());
        Button load = new Button("Load CSV\u2026", new FontIcon(MaterialDesignF.FILE_DELIMITED_OUTLINE));
        load.setId("draw-load");
        load.setOnAction(e -> loadCsv());
        Button use = new Button("Train on this data", new FontIcon(MaterialDesignS.SCHOOL));
        use.setId("draw-use");
        use.getStyleClass().add("accent");
        use.disableProperty().bind(useBlockedReason.isNotEmpty());
        use.setOnAction(e -> useDrawing());
        String useHelp = "Make these points the Train pane's training set (with the noise set there), switch to it "
                + "and start training.";
        Tooltip useTip = new Tooltip();
        useTip.setWrapText(true);
        useTip.setMaxWidth(360);
        useTip.textProperty().bind(Bindings.when(useBlockedReason.isEmpty()).then(useHelp)
                .otherwise(Bindings.concat(useBlockedReason, " ", useHelp)));
        // a disabled button shows no tooltip: its holder does, so the reason is there on hover too
        StackPane useHolder = new StackPane(use);
        useHolder.setAlignment(Pos.CENTER_LEFT);
        Tooltip.install(useHolder, useTip);
        use.setTooltip(useTip);
        Label useReason = new Label();
        useReason.setId("draw-use-reason");
        useReason.getStyleClass().add("draw-hint");
        useReason.setWrapText(true);
        useReason.setMinHeight(Region.USE_PREF_SIZE);
        useReason.textProperty().bind(useBlockedReason);
        useReason.visibleProperty().bind(useBlockedReason.isNotEmpty());
        useReason.managedProperty().bind(useReason.visibleProperty());
        FlowPane buttons = new FlowPane(6, 6, undo, clear, load);
        VBox box = new VBox(6, new Label("Your own data"), hint, count, buttons, useHolder, useReason);
        box.setId("draw-tools");
        box.visibleProperty().bind(vm.drawingProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private void layoutViews() {
        largeViews.getChildren().clear();
        if (vm.drawingProperty().get()) {
            Label title = new Label("Draw your data");
            title.getStyleClass().add("view-title");
            largeViews.getChildren().add(titled(title, drawView));
            drawView.redraw();
            return;
        }
        for (Direction d : vm.directionProperty().get().processes()) {
            largeViews.getChildren().add(d == Direction.FORWARD ? titled(forwardTitle, forwardView)
                    : titled(reverseTitle, reverseView));
        }
        requestRedraw();
    }

    private static Node titled(Label title, FrameView view) {
        title.getStyleClass().add("view-title");
        title.setWrapText(true);        // "Reverse p: noise -> data, t = 20" wraps in a narrow view
        title.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(4, title, view);
        VBox.setVgrow(view, Priority.ALWAYS);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setAlignment(Pos.TOP_CENTER);
        box.setMinWidth(200);
        return box;
    }

    private static Region separator() {
        Region r = new Region();
        r.setMinWidth(8);
        return r;
    }

    private TextField validated(String id, StringProperty value, ObservableStringValue error, double width,
                                String help) {
        return ValidatedField.create(id, value, error, 6, width, help, vm::commitInputs);
    }

    private static CheckBox check(String id, String text, javafx.beans.property.BooleanProperty p, String help) {
        CheckBox c = new CheckBox(text);
        c.setId(id);
        c.setMnemonicParsing(false);
        c.selectedProperty().bindBidirectional(p);
        tip(c, help);
        return c;
    }

    private static void tip(Control c, String text) {
        Tooltips.install(c, text);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Drawing the views

    private FrameRenderer.Style style() {
        if (style == null) {
            restyle();
        }
        return style;
    }

    private FrameRenderer.Style pointedStyle() {
        if (pointedStyle == null) {
            restyle();
        }
        return pointedStyle;
    }

    /** Re-reads the colours from the stylesheet (after a theme change) and redraws. */
    public void restyle() {
        List<Color> stops = new ArrayList<>();
        for (int i = 0; i <= 6; i++) {
            stops.add(palette.color("traj-c" + i));
        }
        ColourMap heat = new ColourMap(List.of(palette.color("traj-heat0"), palette.color("traj-heat1"),
                palette.color("traj-heat2")));
        style = new FrameRenderer.Style(argb("traj-background"), argb("traj-frame"), argb("traj-axis"),
                argb("traj-ink"), argb("traj-arrow"), argb("traj-path"), new ColourMap(stops), heat);
        pointedStyle = new FrameRenderer.Style(argb("traj-background"), argb("traj-frame"), argb("traj-axis"),
                argb("traj-ink"), argb("traj-arrow-pointed"), argb("traj-path"), new ColourMap(stops), heat);
        drawColourBar();
        requestRedraw();
        drawView.redraw();
    }

    private int argb(String name) {
        return PointRaster.argb(palette.color(name));
    }

    private FrameView.Content content(Direction row, int t, boolean large) {
        TrajectoryFrames f = vm.framesProperty().get();
        // Pointing at f_mu or f_Sigma shows what it draws on the reverse picture, even while its overlay is off.
        PlotElement pointed = highlights.active();
        boolean drift = vm.driftProperty().get() || pointed == PlotElement.DRIFT && row == Direction.REVERSE;
        boolean heat = vm.heatProperty().get() || pointed == PlotElement.REVERSE_VARIANCE && row == Direction.REVERSE;
        FrameRenderer.Overlays o = large
                ? new FrameRenderer.Overlays(drift, heat, vm.pathsProperty().get(), vm.ellipsesProperty().get())
                : FrameRenderer.Overlays.none();
        FrameRenderer.Style look = pointed == PlotElement.DRIFT ? pointedStyle() : style();
        return new FrameView.Content(f, row, t, o, look, row == Direction.FORWARD ? followForward : followReverse);
    }

    private int multipleT(int row, int col) {
        int steps = vm.stepsProperty().get();
        int t = col == 0 ? 0 : col == 1 ? steps / 2 : steps;
        return row == 2 ? Math.max(1, t) : t;
    }

    private FrameView.Content multipleContent(int row, int col) {
        Direction d = row == 0 ? Direction.FORWARD : row == 1 ? Direction.REVERSE : null;
        return content(d, multipleT(row, col), false);
    }

    /** Redraws once at the next pulse, however many properties changed before it. */
    private void requestRedraw() {
        if (redrawQueued) {
            return;
        }
        redrawQueued = true;
        javafx.application.Platform.runLater(this::redrawNow);
    }

    /** Redraws every view now (tests and exports call it to see the current state). */
    public void redrawNow() {
        redrawQueued = false;
        forwardView.redraw();
        reverseView.redraw();
        for (FrameView v : multiples) {
            v.redraw();
        }
        updateTLabel();
        updateLegends();
        int t = vm.tProperty().get();
        for (int i = 0; i < multipleCells.size(); i++) {
            multipleCells.get(i).getStyleClass().remove("multiple-current");
            if (multipleT(i / 3, i % 3) == t) {
                multipleCells.get(i).getStyleClass().add("multiple-current");
            }
        }
    }

    private void updateTLabel() {
        int t = vm.tProperty().get();
        int steps = vm.stepsProperty().get();
        tLabel.setText(String.format(Locale.ROOT, "t = %d / %d", t, steps));
        forwardTitle.setText(String.format(Locale.ROOT, "Forward q: data \u2192 noise, t = %d", t));
        reverseTitle.setText(String.format(Locale.ROOT, "Reverse p: noise \u2192 data, t = %d", t));
    }

    private void updateLegends() {
        TrajectoryFrames f = vm.framesProperty().get();
        if (f == null) {
            colourLegend.setText("");
            arrowLegend.setText("");
            heatLegend.setText("");
            return;
        }
        colourLegend.setText("Colour: " + colourMeaning(f.dataset()) + ". Forward points keep the colour of where "
                + "they started; reverse points take that of the data point nearest where they end (t = 0).");
        int t = vm.tProperty().get();
        FrameView large = vm.directionProperty().get() == Direction.FORWARD ? forwardView : reverseView;
        FrameRenderer.Legend l = large.legend();
        String arrows = !vm.driftProperty().get() ? "" : t == 0 ? "Drift: none at t = 0 (the last step is t = 1)"
                : String.format(Locale.ROOT, "Drift arrows drawn %.1f\u00d7 their length", l.arrowScale());
        String ellipses = !vm.ellipsesProperty().get() || t == 0 || Double.isNaN(l.ellipseScale()) ? ""
                : String.format(Locale.ROOT, "\u03a3 ellipses (1 s.d.) drawn %.1f\u00d7 their size", l.ellipseScale());
        arrowLegend.setText(arrows.isEmpty() || ellipses.isEmpty() ? arrows + ellipses : arrows + "; " + ellipses);
        heatLegend.setText(!vm.heatProperty().get() ? "" : t == 0 ? "f\u03a3: none at t = 0"
                : String.format(Locale.ROOT, "f\u03a3 heat map: from the posterior's variance %.3g (lightest) to "
                + "\u03b2_t = %.3g (darkest), the range the entropy bounds allow", l.heatLow(), l.heatHigh()));
    }

    static String colourMeaning(String dataset) {
        return switch (dataset) {
            case "swissroll" -> "place on the roll, from the inner end (violet) to the outer end (red)";
            case "moons" -> "arc position, along the upper moon (violet to green) then the lower one (to red)";
            case "gaussians8" -> "mixture component, 1 (violet) to 8 (red), counter-clockwise from the right";
            case "ring" -> "angle on the ring, from 0\u00b0 (violet) counter-clockwise to 360\u00b0 (red)";
            default -> UserData.isId(dataset) ? "drawing order, from the first point (violet) to the last (red)"
                    : "none for this data set";
        };
    }

    private void drawColourBar() {
        GraphicsContext g = colourBar.getGraphicsContext2D();
        double w = colourBar.getWidth();
        for (int x = 0; x < w; x++) {
            int c = style.points().argb(x / (w - 1));
            g.setFill(Color.rgb((c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff));
            g.fillRect(x, 0, 1, colourBar.getHeight());
        }
    }

    /** Picks points spread over the colour range to follow when new frames arrive for another model or seed. */
    private void chooseFollowed(TrajectoryFrames f) {
        if (f == null) {
            return;
        }
        boolean sameSet = followedFor != null && followedFor.points() == f.points() && followedFor.seed() == f.seed();
        followedFor = f;
        if (sameSet && followForward.length > 0) {
            return;
        }
        followForward = spread(f.forwardColour());
        followReverse = spread(f.reverseColour());
    }

    private static int[] spread(float[] colour) {
        int[] out = new int[FOLLOWED];
        for (int k = 0; k < FOLLOWED; k++) {
            double target = (k + 0.5) / FOLLOWED;
            int best = k;
            double bestGap = Double.POSITIVE_INFINITY;
            for (int i = 0; i < colour.length; i++) {
                double gap = Float.isNaN(colour[i]) ? Double.POSITIVE_INFINITY : Math.abs(colour[i] - target);
                if (gap < bestGap) {
                    bestGap = gap;
                    best = i;
                }
            }
            out[k] = Math.min(best, colour.length - 1);
        }
        return out;
    }

    /** A click in a large view follows the point nearest to it at the shown step (replacing the oldest followed). */
    private void followNearest(FrameView view, Direction row, MouseEvent e) {
        TrajectoryFrames f = vm.framesProperty().get();
        if (f == null || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        double[] at = view.toData(e.getX(), e.getY(), f.extent());
        var tr = f.trajectory(row);
        int t = vm.tProperty().get();
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < tr.points(); i++) {
            double dx = tr.coordinate(t, i, 0) - at[0];
            double dy = tr.coordinate(t, i, 1) - at[1];
            double d = dx * dx + dy * dy;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        int[] old = row == Direction.FORWARD ? followForward : followReverse;
        int[] next = new int[Math.min(FOLLOWED, old.length + 1)];
        System.arraycopy(old, Math.max(0, old.length + 1 - next.length), next, 0, next.length - 1);
        next[next.length - 1] = best;
        if (row == Direction.FORWARD) {
            followForward = next;
        } else {
            followReverse = next;
        }
        vm.pathsProperty().set(true);
        requestRedraw();
    }

    /** Mouse handling of the large views and the drawing canvas. */
    private void installMouse() {
        forwardView.canvas().setOnMouseClicked(e -> followNearest(forwardView, Direction.FORWARD, e));
        reverseView.canvas().setOnMouseClicked(e -> followNearest(reverseView, Direction.REVERSE, e));
        Canvas c = drawView.canvas();
        c.setCursor(javafx.scene.Cursor.CROSSHAIR);
        c.setOnMousePressed(e -> {
            double[] p = drawView.toData(e.getX(), e.getY(), TrajectoryComputer.EXTENT);
            vm.drawing().begin(p[0], p[1]);
        });
        c.setOnMouseDragged(e -> {
            double[] p = drawView.toData(e.getX(), e.getY(), TrajectoryComputer.EXTENT);
            vm.drawing().extend(p[0], p[1]);
        });
    }

    private void drawStrokes() {
        if (drawView == null) {
            return;
        }
        GraphicsContext g = drawView.canvas().getGraphicsContext2D();
        Color stroke = palette.color("traj-stroke");
        g.setFill(stroke);
        g.setStroke(stroke);
        g.setLineWidth(1.5);
        double[][] pts = UserData.resample(vm.drawing().strokes(), Drawing.SPACING);
        double r = Math.max(2, drawView.side() / 180.0);
        for (double[] p : pts) {
            double[] px = drawView.toPixel(p[0], p[1], TrajectoryComputer.EXTENT);
            g.fillOval(px[0] - r, px[1] - r, 2 * r, 2 * r);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // User data

    private void loadCsv() {
        FileDialogs d = files.get();
        Path p = d == null ? null : d.open("Load points", "CSV files", ".csv");
        if (p != null) {
            loadCsv(p);
        }
    }

    /**
     * Reads a two-column CSV into the drawing, scaled to unit variance so it fits the canvas whatever its units; a
     * file that cannot be read shows its reason and changes nothing.
     */
    public Task<UserData> loadCsv(Path file) {
        Task<UserData> read = new Task<>() {
            @Override
            protected UserData call() throws Exception {
                return UserDataCsv.read(file).standardised();     // the one CSV reader of user points
            }
        };
        read.setOnSucceeded(e -> {
            vm.drawing().load(read.getValue());
            vm.drawingProperty().set(true);
        });
        read.setOnFailed(e -> {
            Throwable t = read.getException();
            errors.accept(t instanceof IllegalArgumentException ? "Cannot load " + t.getMessage()    // names the file
                    : "Cannot load " + file + ": " + (t.getMessage() != null ? t.getMessage() : t));
        });
        io.execute(read);
        return read;
    }

    /** Makes the drawing the training set (the Train pane asks first if that discards training). */
    public void useDrawing() {
        try {
            UserData data = vm.drawing().toUserData();
            String id = Datasets.register(data);
            if (useDataset.test(id)) {
                vm.drawingProperty().set(false);
            }
        } catch (IllegalArgumentException e) {
            errors.accept("These points cannot be a data set: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Export

    /** The picture the exports draw: the large view's direction and overlays at 720 pixels a view. */
    private TrajectoryExport.Picture picture() {
        Direction d = vm.directionProperty().get();
        int[] follow = d == Direction.FORWARD ? followForward : followReverse;
        return new TrajectoryExport.Picture(d, new FrameRenderer.Overlays(vm.driftProperty().get(),
                vm.heatProperty().get(), vm.pathsProperty().get(), vm.ellipsesProperty().get()), style(), follow.clone(), 720);
    }

    /**
     * Exports on a background thread: "png" (the frame at t), "gif" (every step), "csv-forward" or "csv-reverse";
     * failures are shown with the file's name.
     */
    public Task<Path> export(String kind, Path file) {
        TrajectoryFrames f = vm.framesProperty().get();
        if (f == null) {
            throw new IllegalStateException("nothing to export yet");
        }
        int t = vm.tProperty().get();
        TrajectoryExport.Picture picture = picture();
        int delay = (int) Math.round(1000 / vm.speedProperty().get());
        return exports.run(file, progress -> {
            switch (kind) {
                case "png" -> TrajectoryExport.png(file, f, t, picture);
                case "gif" -> TrajectoryExport.gif(file, f, picture, delay, k -> progress.accept(
                        String.format(Locale.ROOT, "Writing GIF: frame %d of %d", k, f.steps() + 1)));
                case "csv-forward" -> TrajectoryExport.csv(file, f, Direction.FORWARD);
                case "csv-reverse" -> TrajectoryExport.csv(file, f, Direction.REVERSE);
                default -> throw new IllegalArgumentException("unknown export " + kind);
            }
        });
    }

    // ------------------------------------------------------------------------------------------------------------
    // For tests

    public TrajectoryViewModel viewModel() {
        return vm;
    }

    /** The large view of a process (FORWARD or REVERSE). */
    public FrameView largeView(Direction row) {
        return row == Direction.FORWARD ? forwardView : reverseView;
    }

    public String tText() {
        return tLabel.getText();
    }

}
