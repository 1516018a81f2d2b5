package org.diffusionlab.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import java.util.prefs.Preferences;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.HostServices;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import javafx.event.EventHandler;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import javax.imageio.ImageIO;
import org.diffusionlab.Version;
import org.diffusionlab.app.schedule.ScheduleView;
import org.diffusionlab.app.schedule.ScheduleViewModel;
import org.diffusionlab.app.inpaint.InpaintEngine;
import org.diffusionlab.app.lesson.FirstStart;
import org.diffusionlab.app.lesson.LessonController;
import org.diffusionlab.app.inpaint.InpaintView;
import org.diffusionlab.app.inpaint.InpaintViewModel;
import org.diffusionlab.app.explain.ExplainDrawer;
import org.diffusionlab.app.explain.ExplanationPanel;
import org.diffusionlab.app.binary.BinaryTrajectoryView;
import org.diffusionlab.app.binary.BinaryTrajectoryViewModel;
import org.diffusionlab.app.service.BinomialTrainingService;
import org.diffusionlab.app.service.TrainingService;
import org.diffusionlab.app.train.BinomialTrainView;
import org.diffusionlab.app.train.BinomialTrainViewModel;
import org.diffusionlab.app.train.RunProgress;
import org.diffusionlab.engine.binomial.BinomialConfig;
import org.diffusionlab.engine.binomial.BinomialModelFile;
import org.diffusionlab.app.train.TrainAnalysis;
import org.diffusionlab.app.train.TrainView;
import org.diffusionlab.app.trajectory.TrajectoryView;
import org.diffusionlab.app.trajectory.TrajectoryViewModel;
import org.diffusionlab.app.train.TrainViewModel;
import org.diffusionlab.engine.io.ModelFile;
import org.diffusionlab.engine.train.HistoryPoint;
import org.diffusionlab.engine.train.Snapshot;
import org.diffusionlab.engine.train.TrainingConfig;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window: menu bar, the panes as tabs (the Train pane for now), and a status bar with the training state,
 * the iteration and K. Owns the training service and stops it when its window closes; closing with training that is
 * not saved asks first (Save / Don't save / Cancel).
 */
public final class MainWindow {

    /** The answers to "save before closing?". */
    public enum CloseChoice {
        /** Save (Save as... without a current file), then close once the file is written. */
        SAVE,
        /** Close and lose the unsaved training. */
        DONT_SAVE,
        /** Keep the window open. */
        CANCEL
    }

    public static final String PAPER_URL = "https://arxiv.org/abs/1503.03585";
    public static final String PAPER_CITATION = "Sohl-Dickstein, Weiss, Maheswaranathan and Ganguli, "
            + "\u201cDeep Unsupervised Learning using Nonequilibrium Thermodynamics\u201d, ICML 2015";

    private static final Logger LOG = LoggerFactory.getLogger(MainWindow.class);

    /** Which experiment the Train and Trajectory panes show: Gaussian diffusion of 2-D points, or the heartbeat. */
    public enum Experiment { POINTS, HEARTBEAT }

    private final TrainViewModel vm;
    private final TrainView trainView;
    private final BinomialTrainViewModel binaryVm;
    private final BinomialTrainView binaryTrainView;
    private final javafx.beans.property.ObjectProperty<Experiment> experiment =
            new javafx.beans.property.SimpleObjectProperty<>(this, "experiment", Experiment.POINTS);
    /** The heartbeat model file last opened or saved, or null. */
    private Path currentBinaryFile;
    private final TrajectoryViewModel trajectoryVm;
    private final TrajectoryView trajectoryView;
    private final BinaryTrajectoryViewModel binaryTrajectoryVm;
    private final BinaryTrajectoryView binaryTrajectoryView;
    private final ExecutorService trajectoryWorker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "diffusionlab-trajectory");
        t.setDaemon(true);
        return t;
    });
    private final ScheduleView scheduleView;
    private final InpaintViewModel inpaintVm;
    private final InpaintView inpaintView;
    private final ExecutorService inpaintWorker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "diffusionlab-inpaint");
        t.setDaemon(true);
        return t;
    });
    private final BorderPane root = new BorderPane();
    private final Preferences preferences = AppPreferences.forNewWindow();
    private final java.util.List<ExplainDrawer> drawers = new java.util.ArrayList<>();
    /** Guided lessons: the Lessons menu, File › Open lesson and the lesson panel on the left of the panes. */
    private LessonController lessons;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "diffusionlab-export");
        t.setDaemon(true);
        return t;
    });
    private final HostServices hostServices;
    private final RadioMenuItem lightThemeItem = new RadioMenuItem("Light theme");
    private final RadioMenuItem darkThemeItem = new RadioMenuItem("Dark theme");
    private FileDialogs files;
    private Path currentFile;
    private boolean disposed;
    private boolean dark;
    private Function<String, CloseChoice> closeQuestion = this::askSaveBeforeClosing;
    /** Runs the close prompt under way has dealt with (saved, or the user chose to lose their training). */
    private final java.util.EnumSet<Experiment> declinedSaves = java.util.EnumSet.noneOf(Experiment.class);
    /** A save chosen in the close prompt is running; the window closes when it succeeds. */
    private boolean closingAfterSave;
    private final EventHandler<WindowEvent> onCloseRequest = this::closeRequested;
    private final EventHandler<WindowEvent> onHidden = e -> dispose();

    /**
     * A pane with its explanation drawer beside it (open the first time; closing it is remembered per pane).
     */
    private Node explained(String id, Node pane, ExplanationPanel explanation) {
        ExplainDrawer drawer = new ExplainDrawer(id, pane, explanation, preferences);
        drawers.add(drawer);
        return drawer;
    }

    public MainWindow(TrainingConfig initial, TrainAnalysis.Settings settings, HostServices hostServices) {
        this.hostServices = hostServices;
        applyTheme(false);
        vm = new TrainViewModel(new TrainingService(), new TrainAnalysis(settings), initial);
        trainView = new TrainView(vm);
        trainView.setConfirmation(this::confirm);
        vm.setErrorSink(this::showError);

        binaryVm = new BinomialTrainViewModel(new BinomialTrainingService(), BinomialConfig.heartbeat());
        binaryVm.setErrorSink(this::showError);
        binaryTrainView = new BinomialTrainView(binaryVm);
        binaryTrainView.setConfirmation(this::confirm);
        trainView.setOnHeartbeatChosen(() -> setExperiment(Experiment.HEARTBEAT));
        binaryTrainView.setOnPointsDatasetChosen(id -> {
            setExperiment(Experiment.POINTS);
            vm.datasetProperty().set(id);       // the Train pane rebuilds the run, asking first if it has progress
        });

        Node trainPane = explained("train", trainView, trainView.explanation());
        Node heartbeatTrainPane = explained("train-heartbeat", binaryTrainView, binaryTrainView.explanation());
        Tab train = new Tab("Train", trainPane);
        train.setId("tab-train");
        train.setClosable(false);
        experiment.addListener((o, a, b) -> {
            train.setContent(b == Experiment.HEARTBEAT ? heartbeatTrainPane : trainPane);
            // the run left behind is kept but paused: two trainers would share the two cores
            if (b == Experiment.HEARTBEAT) {
                vm.pause();
                binaryVm.initialise();
            } else {
                binaryVm.pause();
            }
        });
        scheduleView = new ScheduleView(new ScheduleViewModel(vm));
        scheduleView.viewModel().setErrorSink(this::showError);
        scheduleView.setFileDialogs(() -> files);
        // The Schedule pane edits the 2-D run's Gaussian schedule; with the heartbeat shown it says so above it.
        Label scheduleNote = new Label("This pane edits the Gaussian schedule of the 2-D run (kept, paused). The "
                + "heartbeat's binomial diffusion uses the paper's fixed schedule \u03b2_t = 1/(T \u2212 t + 1).");
        scheduleNote.setId("schedule-heartbeat-note");
        scheduleNote.getStyleClass().add("pane-note");
        scheduleNote.setWrapText(true);
        scheduleNote.setMaxWidth(Double.MAX_VALUE);
        scheduleNote.visibleProperty().bind(experiment.isEqualTo(Experiment.HEARTBEAT));
        scheduleNote.managedProperty().bind(scheduleNote.visibleProperty());
        BorderPane scheduleHolder = new BorderPane(scheduleView);
        scheduleHolder.setTop(scheduleNote);
        Tab schedule = new Tab("Schedule", explained("schedule", scheduleHolder, scheduleView.explanation()));
        schedule.setId("tab-schedule");
        schedule.setClosable(false);
        scheduleView.viewModel().activeProperty().bind(schedule.selectedProperty());
        TabPane tabs = new TabPane(train, schedule);
        tabs.setId("tabs");
        tabs.getStyleClass().add("main-tabs");

        trajectoryVm = new TrajectoryViewModel(vm.service(), trajectoryWorker);
        trajectoryView = new TrajectoryView(trajectoryVm, () -> files, this::showError, id -> {
            vm.datasetProperty().set(id);       // the Train pane rebuilds the run, asking first if it has progress
            boolean accepted = id.equals(vm.datasetProperty().get());
            if (accepted) {
                tabs.getSelectionModel().select(train);
                vm.startWhenReady();            // "Train on this data": the new run trains at once
            }
            return accepted;
        }, vm.structureLockedProperty().not(), io);
        Node trajectoryPane = explained("trajectory", trajectoryView, trajectoryView.explanation());
        Tab trajectory = new Tab("Trajectory", trajectoryPane);
        trajectory.setId("tab-trajectory");
        trajectory.setClosable(false);
        tabs.getTabs().add(1, trajectory);     // the product's order: Train, Trajectory, Schedule, Inpaint
        binaryTrajectoryVm = new BinaryTrajectoryViewModel(binaryVm.snapshotProperty(), trajectoryWorker);
        binaryTrajectoryView = new BinaryTrajectoryView(binaryTrajectoryVm, () -> files, this::showError, io);
        Node heartbeatTrajectoryPane = explained("trajectory-heartbeat", binaryTrajectoryView,
                binaryTrajectoryView.explanation());
        // only the experiment shown computes its trajectories, and only while its tab shows
        Runnable activateTrajectory = () -> {
            boolean shown = trajectory.isSelected();
            trajectoryVm.setActive(shown && !heartbeat());
            binaryTrajectoryVm.setActive(shown && heartbeat());
        };
        trajectory.selectedProperty().addListener((o, a, shown) -> activateTrajectory.run());
        experiment.addListener((o, a, b) -> {
            trajectory.setContent(b == Experiment.HEARTBEAT ? heartbeatTrajectoryPane : trajectoryPane);
            activateTrajectory.run();
        });

        inpaintVm = new InpaintViewModel(new InpaintEngine(), inpaintWorker);
        inpaintVm.setErrorSink(this::showError);
        inpaintView = new InpaintView(inpaintVm, () -> files, this::showError, io);
        Tab inpaint = new Tab("Inpaint", explained("inpaint", inpaintView, inpaintView.explanation()));
        inpaint.setId("tab-inpaint");
        inpaint.setClosable(false);
        tabs.getTabs().add(inpaint);
        inpaint.selectedProperty().addListener((o, a, shown) -> {
            if (shown) {
                inpaintVm.activate();       // loads its model and a first image the first time it shows
            }
        });
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            // space plays, arrows step t, while the Trajectory pane shows and no text field has the keyboard
            if (!trajectory.isSelected() || e.getTarget() instanceof javafx.scene.control.TextInputControl) {
                return;
            }
            boolean binary = heartbeat();
            switch (e.getCode()) {
                case SPACE -> { if (binary) { binaryTrajectoryVm.togglePlay(); } else { trajectoryVm.togglePlay(); } }
                case LEFT -> { if (binary) { binaryTrajectoryVm.step(-1); } else { trajectoryVm.step(-1); } }
                case RIGHT -> { if (binary) { binaryTrajectoryVm.step(1); } else { trajectoryVm.step(1); } }
                default -> {
                    return;
                }
            }
            e.consume();
        });

        root.setCenter(tabs);
        lessons = new LessonController(new MainWindowLessonHost(this), panel -> {
            root.setLeft(panel);
            drawers.forEach(d -> d.lendRoom(panel != null));     // a small screen cannot hold both side panels
        });
        root.setTop(menuBar());
        root.setBottom(statusBar());
        root.getStyleClass().add("main-window");
        root.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((o2, w0, w) -> {
                    if (w0 != null) {
                        // the scene left that window (tests reuse one stage): its closing is no longer ours
                        w0.removeEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, onCloseRequest);
                        w0.removeEventHandler(WindowEvent.WINDOW_HIDDEN, onHidden);
                    }
                    if (w != null) {
                        if (files == null) {
                            files = FileDialogs.native_(w);
                        }
                        w.addEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, onCloseRequest);
                        w.addEventHandler(WindowEvent.WINDOW_HIDDEN, onHidden);
                    }
                });
            }
        });
        vm.initialise();
    }

    public Parent root() {
        return root;
    }

    public TrainView trainView() {
        return trainView;
    }

    public ScheduleView scheduleView() {
        return scheduleView;
    }

    public TrainViewModel trainViewModel() {
        return vm;
    }

    public BinomialTrainView binaryTrainView() {
        return binaryTrainView;
    }

    public BinomialTrainViewModel binaryTrainViewModel() {
        return binaryVm;
    }

    /** Shows the Train and Trajectory panes of this experiment (its run is built the first time it shows). */
    public void setExperiment(Experiment e) {
        experiment.set(java.util.Objects.requireNonNull(e));
    }

    public Experiment getExperiment() {
        return experiment.get();
    }

    public javafx.beans.property.ReadOnlyObjectProperty<Experiment> experimentProperty() {
        return experiment;
    }

    private boolean heartbeat() {
        return experiment.get() == Experiment.HEARTBEAT;
    }

    /** The run controls' state of the experiment shown. */
    private RunProgress activeProgress() {
        return heartbeat() ? binaryVm.progress() : vm.progress();
    }

    /** A value of the shown experiment's run controls, following both the experiment and the value. */
    private <T> javafx.beans.binding.ObjectBinding<T> active(
            java.util.function.Function<RunProgress, javafx.beans.value.ObservableValue<T>> value) {
        return javafx.beans.binding.Bindings.createObjectBinding(() -> value.apply(activeProgress()).getValue(),
                experiment, value.apply(vm.progress()), value.apply(binaryVm.progress()));
    }

    private javafx.beans.binding.BooleanBinding activeFlag(
            java.util.function.Function<RunProgress, javafx.beans.value.ObservableValue<Boolean>> value) {
        return javafx.beans.binding.Bindings.createBooleanBinding(() -> value.apply(activeProgress()).getValue(),
                experiment, value.apply(vm.progress()), value.apply(binaryVm.progress()));
    }

    public TrajectoryView trajectoryView() {
        return trajectoryView;
    }

    public BinaryTrajectoryView binaryTrajectoryView() {
        return binaryTrajectoryView;
    }

    public InpaintView inpaintView() {
        return inpaintView;
    }

    /** The lessons (menu, panel, welcome). */
    public LessonController lessons() {
        return lessons;
    }

    /** Offers the first start's welcome panel unless it was dismissed before (the app calls this; tests do not). */
    public void offerWelcome(java.util.prefs.Preferences prefs) {
        lessons.offerWelcome(new FirstStart(prefs));
    }

    FileDialogs fileDialogs() {
        return files;
    }

    /** Replaces the file chooser (tests). */
    public void setFileDialogs(FileDialogs dialogs) {
        this.files = Objects.requireNonNull(dialogs);
    }

    /**
     * Replaces the question asked when the window closes with unsaved training (tests); it gets the question's text
     * and answers Save, Don't save or Cancel.
     */
    public void setCloseQuestion(Function<String, CloseChoice> question) {
        this.closeQuestion = Objects.requireNonNull(question);
    }

    /** The heartbeat model file last opened or saved, or null. */
    public Path currentBinaryFile() {
        return currentBinaryFile;
    }

    /** The model file last opened or saved (Save writes there), or null. */
    public Path currentFile() {
        return currentFile;
    }

    /** Stops training and the background work (the window closed). Safe to call more than once. */
    public void dispose() {
        if (!disposed) {
            disposed = true;
            vm.shutdown();
            binaryVm.shutdown();
            trajectoryVm.shutdown();
            binaryTrajectoryVm.shutdown();
            trajectoryWorker.shutdownNow();
            scheduleView.viewModel().dispose();
            inpaintVm.shutdown();
            inpaintWorker.shutdownNow();
            io.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Menus

    private MenuBar menuBar() {
        MenuItem newRun = item("New run", "menu-new", new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN),
                this::newRun);
        newRun.setGraphic(new FontIcon(MaterialDesignF.FILE_PLUS));
        MenuItem open = item("Open model\u2026", "menu-open",
                new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::open);
        open.setGraphic(new FontIcon(MaterialDesignF.FOLDER_OPEN));
        MenuItem example = item("Open example model", "menu-open-example", null, this::openExample);
        example.setGraphic(new FontIcon(MaterialDesignF.FILE_STAR_OUTLINE));
        MenuItem exampleHeartbeat = item("Open example heartbeat model", "menu-open-example-heartbeat", null,
                this::openExampleHeartbeat);
        exampleHeartbeat.setGraphic(new FontIcon(MaterialDesignF.FILE_STAR_OUTLINE));
        MenuItem save = item("Save model", "menu-save",
                new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::save);
        save.setGraphic(new FontIcon(MaterialDesignC.CONTENT_SAVE));
        MenuItem saveAs = item("Save as\u2026", "menu-save-as",
                new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), this::saveAs);
        var nothingToSave = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> heartbeat() ? binaryVm.snapshotProperty().get() == null : vm.snapshotProperty().get() == null,
                experiment, vm.snapshotProperty(), binaryVm.snapshotProperty());
        save.disableProperty().bind(nothingToSave);
        saveAs.disableProperty().bind(nothingToSave);

        Menu export = new Menu("Export\u2026");
        export.setId("menu-export");
        export.setGraphic(new FontIcon(MaterialDesignF.FILE_EXPORT));
        MenuItem csv = item("K curve as CSV\u2026", "menu-export-csv", null, this::exportCsv);
        csv.disableProperty().bind(nothingToSave);
        export.getItems().add(csv);
        for (TrainView.Exportable x : trainView.exportables()) {
            MenuItem png = item(x.title() + " as PNG\u2026", "menu-export-" + x.fileStem(), null, () -> exportPng(x));
            png.visibleProperty().bind(experiment.isEqualTo(Experiment.POINTS));
            export.getItems().add(png);
        }
        for (TrainView.Exportable x : binaryTrainView.exportables()) {
            MenuItem png = item(x.title() + " as PNG\u2026", "menu-export-" + x.fileStem(), null, () -> exportPng(x));
            png.visibleProperty().bind(experiment.isEqualTo(Experiment.HEARTBEAT));
            export.getItems().add(png);
        }
        MenuItem quit = item("Quit", "menu-quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                this::quit);
        Menu file = new Menu("File", null, newRun, open, example, exampleHeartbeat, save, saveAs, new SeparatorMenuItem(), export,
                new SeparatorMenuItem(), lessons.openLessonItem(), new SeparatorMenuItem(), quit);
        file.setId("menu-file");

        // the Run menu drives the run of the experiment shown (the 2-D points or the heartbeat)
        MenuItem start = item("Start / Resume", "menu-start", new KeyCodeCombination(KeyCode.F5),
                () -> { if (heartbeat()) { binaryVm.start(); } else { vm.start(); } });
        start.disableProperty().bind(activeFlag(RunProgress::startDisabledProperty));
        MenuItem pause = item("Pause", "menu-pause", new KeyCodeCombination(KeyCode.F6),
                () -> { if (heartbeat()) { binaryVm.pause(); } else { vm.pause(); } });
        pause.disableProperty().bind(activeFlag(RunProgress::pauseDisabledProperty));
        MenuItem step = item("Step one iteration", "menu-step", new KeyCodeCombination(KeyCode.F7),
                () -> { if (heartbeat()) { binaryVm.step(); } else { vm.step(); } });
        step.disableProperty().bind(activeFlag(RunProgress::stepDisabledProperty));
        MenuItem reset = item("Reset", "menu-reset", new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN),
                () -> { if (heartbeat()) { binaryTrainView.askAndReset(); } else { trainView.askAndReset(); } });
        reset.disableProperty().bind(activeFlag(RunProgress::resetDisabledProperty));
        Menu run = new Menu("Run", null, start, pause, step, new SeparatorMenuItem(), reset);
        run.setId("menu-run");

        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = lightThemeItem;
        light.setId("menu-theme-light");
        light.setToggleGroup(themes);
        light.setSelected(true);
        light.setOnAction(e -> setDark(false));
        RadioMenuItem darkItem = darkThemeItem;
        darkItem.setId("menu-theme-dark");
        darkItem.setToggleGroup(themes);
        darkItem.setOnAction(e -> setDark(true));
        Menu view = new Menu("View", null, light, darkItem);
        view.setId("menu-view");

        MenuItem shortcuts = item("Keyboard shortcuts", "menu-shortcuts", new KeyCodeCombination(KeyCode.F1),
                this::showShortcuts);
        MenuItem paper = item("The paper", "menu-paper", null, this::showPaper);
        MenuItem about = item("About DiffusionLab", "menu-about", null, this::showAbout);
        Menu help = new Menu("Help", null, shortcuts, paper, new SeparatorMenuItem(), about);
        help.setId("menu-help");

        MenuBar bar = new MenuBar(file, run, view, lessons.lessonsMenu(), help);
        bar.setId("menu-bar");
        return bar;
    }

    private static MenuItem item(String text, String id, KeyCombination key, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        if (key != null) {
            m.setAccelerator(key);
        }
        m.setOnAction(e -> action.run());
        return m;
    }

    private Region statusBar() {
        Label state = new Label();
        state.setId("status-state");
        state.textProperty().bind(active(RunProgress::statusTextProperty));
        Label iteration = new Label();
        iteration.setId("status-iteration");
        iteration.textProperty().bind(active(RunProgress::iterationTextProperty).map(s -> "Iteration " + s));
        Label k = new Label();
        k.setId("status-k");
        k.textProperty().bind(active(RunProgress::kTextProperty).map(s -> "K (holdout) " + s));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label version = new Label("DiffusionLab " + Version.get());
        version.setId("app-version");
        version.getStyleClass().add("app-version");
        HBox bar = new HBox(state, separator(), iteration, separator(), k, spacer, version);
        bar.setId("status-bar");
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private static Region separator() {
        Region r = new Region();
        r.getStyleClass().add("status-separator");
        return r;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Actions

    private void newRun() {
        boolean progress = heartbeat() ? binaryVm.hasProgress() : vm.hasProgress();
        if (!progress || confirm("Start a new run with the default settings? The current training "
                + "(unless saved) is discarded.")) {
            if (heartbeat()) {
                currentBinaryFile = null;
                binaryVm.showConfig(BinomialConfig.heartbeat());
                binaryVm.reset();
            } else {
                currentFile = null;
                vm.newRun(TrainingConfig.defaults());
            }
        }
    }

    private void open() {
        Path p = files.open("Open model", "DiffusionLab models", ModelFile.EXTENSION);
        if (p != null) {
            open(p);
        }
    }

    /** The shipped example: a swiss-roll model trained with the command line (see assets/models/README.md). */
    public static final String EXAMPLE_MODEL = "/assets/models/swissroll.dlab";

    /**
     * Opens the shipped example model (copied out of the jar to a temporary file first) and shows the Trajectory
     * pane; saving it afterwards asks for a file name.
     */
    public void openExample() {
        openExampleThen(null);
    }

    /** The same; {@code onOpened} runs once the model shows. False if the user chose to keep their training. */
    public boolean openExampleThen(Runnable onOpened) {
        if (vm.hasProgress() && !confirm("Open the example model? The current training (unless saved) is discarded.")) {
            return false;
        }
        try (var in = MainWindow.class.getResourceAsStream(EXAMPLE_MODEL)) {
            if (in == null) {
                showError("The example model " + EXAMPLE_MODEL + " is missing from this build.");
                return false;
            }
            Path temp = Files.createTempFile("diffusionlab-example", ModelFile.EXTENSION);
            temp.toFile().deleteOnExit();
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            vm.open(temp, () -> {
                currentFile = null;
                selectTab("tab-trajectory");
                if (onOpened != null) {
                    onOpened.run();
                }
            });
            return true;
        } catch (IOException e) {
            showError("Cannot open the example model: " + e.getMessage());
            return false;
        }
    }

    /** Shows the tab with this id. */
    public void selectTab(String id) {
        if (root.getCenter() instanceof TabPane tabs) {
            tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
        }
    }

    /**
     * Opens a model file: a heartbeat (binomial) model shows in the heartbeat panes, any other in the 2-D panes; a file
     * that cannot be read shows its reason and changes nothing.
     */
    public void open(Path file) {
        // which kind of model it is means reading the file: off the UI thread, then routed on it
        Task<Boolean> kind = new Task<>() {
            @Override
            protected Boolean call() {
                return BinomialModelFile.isBinomialModelFile(file);
            }
        };
        kind.setOnSucceeded(e -> {
            if (kind.getValue()) {
                binaryVm.open(file, () -> {
                    currentBinaryFile = file;
                    setExperiment(Experiment.HEARTBEAT);
                });
            } else {
                vm.open(file, () -> {
                    currentFile = file;
                    setExperiment(Experiment.POINTS);
                });
            }
        });
        io.execute(kind);
    }

    /** The shipped heartbeat model (see assets/models/README.md). */
    public static final String EXAMPLE_HEARTBEAT_MODEL = "/assets/models/heartbeat-t2000.dlab";

    /** Opens the shipped heartbeat model and shows its Trajectory pane; saving it afterwards asks for a file name. */
    public void openExampleHeartbeat() {
        openExampleHeartbeatThen(null);
    }

    /** The same; {@code onOpened} runs once the model shows. False if the user chose to keep their training. */
    public boolean openExampleHeartbeatThen(Runnable onOpened) {
        if (binaryVm.hasProgress() && !confirm("Open the example heartbeat model? The current heartbeat training "
                + "(unless saved) is discarded.")) {
            return false;
        }
        try (var in = MainWindow.class.getResourceAsStream(EXAMPLE_HEARTBEAT_MODEL)) {
            if (in == null) {
                showError("The example model " + EXAMPLE_HEARTBEAT_MODEL + " is missing from this build.");
                return false;
            }
            Path temp = Files.createTempFile("diffusionlab-heartbeat", ModelFile.EXTENSION);
            temp.toFile().deleteOnExit();
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            binaryVm.open(temp, () -> {
                currentBinaryFile = null;
                setExperiment(Experiment.HEARTBEAT);
                selectTab("tab-trajectory");
                if (onOpened != null) {
                    onOpened.run();
                }
            });
            return true;
        } catch (IOException e) {
            showError("Cannot open the example model: " + e.getMessage());
            return false;
        }
    }

    /** Saves the shown experiment's run to its current file, or asks for one; the task, or null if cancelled. */
    private Task<Path> save() {
        Path current = heartbeat() ? currentBinaryFile : currentFile;
        return current == null ? saveAs() : saveTo(current);
    }

    private Task<Path> saveAs() {
        String suggested = (heartbeat() ? "heartbeat" : "model") + ModelFile.EXTENSION;
        Path p = files.save("Save model", "DiffusionLab models", ModelFile.EXTENSION, suggested);
        return p == null ? null : saveTo(p);
    }

    /** Saves the shown experiment's newest snapshot (pause first for an exact copy of the trainer). */
    public Task<Path> saveTo(Path file) {
        boolean binary = heartbeat();
        Task<Path> task = binary ? binaryVm.save(file) : vm.save(file);
        task.setOnSucceeded(e -> {
            if (binary) {
                currentBinaryFile = file;
            } else {
                currentFile = file;
            }
        });
        task.setOnFailed(e -> showError(ErrorReporter.message(task.getException())));
        return task;
    }

    private void exportCsv() {
        Path p = files.save("Export K curve", "CSV files", ".csv", "k-curve.csv");
        if (p != null) {
            exportCsv(p);
        }
    }

    /** Writes the training curve (and the importance-sampled points) as CSV on a background thread. */
    public Task<Path> exportCsv(Path file) {
        List<HistoryPoint> history;
        List<TrainAnalysis.LogLikelihoodPoint> ll;
        if (heartbeat()) {      // the heartbeat's curve, in bits per sequence (no importance-sampled points)
            var b = binaryVm.snapshotProperty().get();
            history = b == null ? List.of() : b.history();
            ll = List.of();
        } else {
            Snapshot s = vm.snapshotProperty().get();
            history = s == null ? List.of() : s.history();
            ll = List.copyOf(vm.analysis().logLikelihoods());
        }
        return background(file, temp -> Files.writeString(temp, curveCsv(history, ll), StandardCharsets.UTF_8));
    }

    /**
     * The K curve: one row per history point, the IS log-likelihood and the best Gaussian kernel's bound where they
     * were computed at that iteration.
     */
    public static String curveCsv(List<HistoryPoint> history, List<TrainAnalysis.LogLikelihoodPoint> ll) {
        StringBuilder b = new StringBuilder("iteration,seconds,batch_k_bits,holdout_k_bits,is_log_likelihood_bits,"
                + "best_kernel_k_bits\n");
        java.util.Map<Long, TrainAnalysis.LogLikelihoodPoint> is = new java.util.HashMap<>();
        for (TrainAnalysis.LogLikelihoodPoint p : ll) {
            is.put(p.iteration(), p);
        }
        for (HistoryPoint p : history) {
            TrainAnalysis.LogLikelihoodPoint v = is.get(p.iteration());
            b.append(p.iteration()).append(',').append(p.seconds()).append(',').append(p.batchKBits()).append(',')
                    .append(p.holdoutKBits()).append(',').append(v == null ? "" : Double.toString(v.bits())).append(',')
                    .append(v == null || Double.isNaN(v.bestKernelBits()) ? "" : Double.toString(v.bestKernelBits()))
                    .append('\n');
        }
        return b.toString();
    }

    private void exportPng(TrainView.Exportable x) {
        Path p = files.save("Export " + x.title(), "PNG images", ".png", x.fileStem() + ".png");
        if (p != null) {
            exportPng(x, p);
        }
    }

    /** Takes a picture of the node on the FX thread and encodes it as PNG on a background thread. */
    public Task<Path> exportPng(TrainView.Exportable x, Path file) {
        trainView.flushRedraws();
        binaryTrainView.flushRedraws();
        WritableImage image = x.node().snapshot(new SnapshotParameters(), null);
        return background(file, temp -> {
            BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
            if (!ImageIO.write(buffered, "png", temp.toFile())) {
                throw new IOException("no PNG writer");
            }
        });
    }

    private interface IoWork {
        void write(Path file) throws IOException;
    }

    /** Writes the export atomically ({@link org.diffusionlab.app.ui.AtomicFiles}) on the export thread. */
    private Task<Path> background(Path file, IoWork work) {
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws IOException {
                org.diffusionlab.app.ui.AtomicFiles.write(file, work::write);
                return file;
            }
        };
        task.setOnFailed(e -> showError(ErrorReporter.message(task.getException())));
        io.execute(task);
        return task;
    }

    private void quit() {
        requestClose();
    }

    /**
     * The window's close button: this window decides (the event is always consumed) and hides itself when it may,
     * so that a close request fired by a test behaves as the platform's.
     */
    private void closeRequested(WindowEvent e) {
        e.consume();
        requestClose();
    }

    /**
     * Closes the window, first offering to save if the model has training that is not in a file: Save (Save as...
     * without a current file) closes once the file is written, Don't save closes, Cancel keeps the window open.
     * Closing disposes the window, which stops the worker.
     */
    public void requestClose() {
        if (disposed) {
            hideWindow();
            return;
        }
        if (closingAfterSave) {
            return;     // the window closes when the save it is waiting for succeeds
        }
        Experiment pending = unsavedExperiment();
        if (pending == null) {
            declinedSaves.clear();
            hideWindow();
            return;
        }
        setExperiment(pending);         // the question is about the run shown, and Save saves that one
        boolean binary = pending == Experiment.HEARTBEAT;
        long unsaved = binary ? binaryVm.unsavedIterations() : vm.unsavedIterations();
        Path file = binary ? currentBinaryFile : currentFile;
        CloseChoice choice = closeQuestion.apply(String.format(Locale.ROOT,
                "The %s has %,d iterations of training that are not saved%s. Save it before closing?",
                binary ? "heartbeat model" : "model", unsaved, file == null ? "" : " in " + file.getFileName()));
        switch (choice == null ? CloseChoice.CANCEL : choice) {
            case CANCEL -> declinedSaves.clear();
            case DONT_SAVE -> {
                declinedSaves.add(pending);
                requestClose();         // the other experiment's run may be unsaved too
            }
            case SAVE -> {
                Task<Path> task = save();
                if (task != null) {
                    closingAfterSave = true;
                    task.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, ev -> {
                        closingAfterSave = false;
                        declinedSaves.add(pending);     // saved: a run still training is not asked about again
                        requestClose();
                    });
                    // a failed save shows its reason (saveTo) and the window stays open
                    task.addEventHandler(WorkerStateEvent.WORKER_STATE_FAILED, ev -> closingAfterSave = false);
                    task.addEventHandler(WorkerStateEvent.WORKER_STATE_CANCELLED, ev -> closingAfterSave = false);
                } else {
                    declinedSaves.clear();
                }
            }
        }
    }

    /** The first experiment whose run has training not in a file and that the user has not let go, or null. */
    private Experiment unsavedExperiment() {
        if (vm.unsavedIterations() > 0 && !declinedSaves.contains(Experiment.POINTS)) {
            return Experiment.POINTS;
        }
        if (binaryVm.unsavedIterations() > 0 && !declinedSaves.contains(Experiment.HEARTBEAT)) {
            return Experiment.HEARTBEAT;
        }
        return null;
    }

    private void hideWindow() {
        Window w = root.getScene() == null ? null : root.getScene().getWindow();
        if (w != null) {
            w.hide();
        } else {
            dispose();
        }
    }

    private CloseChoice askSaveBeforeClosing(String question) {
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType dontSave = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
        ButtonType cancel = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, question, save, dontSave, cancel);
        a.setTitle("DiffusionLab");
        a.setHeaderText("Save the model before closing?");
        a.getDialogPane().setId("close-dialog");
        ButtonType answer = owned(a).showAndWait().orElse(cancel);
        return answer == save ? CloseChoice.SAVE : answer == dontSave ? CloseChoice.DONT_SAVE : CloseChoice.CANCEL;
    }

    /** Shows the dark (or light) theme, as the View menu does. */
    public void setDarkTheme(boolean dark) {
        (dark ? darkThemeItem : lightThemeItem).setSelected(true);
        setDark(dark);
    }

    /** The id of the tab shown (e.g. "tab-train"), or null. */
    public String selectedTabId() {
        if (root.getCenter() instanceof TabPane tabs && tabs.getSelectionModel().getSelectedItem() != null) {
            return tabs.getSelectionModel().getSelectedItem().getId();
        }
        return null;
    }

    private void setDark(boolean dark) {
        this.dark = dark;
        applyTheme(dark);
        trainView.restyle();
        trajectoryView.restyle();
        binaryTrajectoryView.restyle();
        binaryTrainView.restyle();
        scheduleView.restyle();
        inpaintView.restyle();
    }

    /** AtlantaFX's Primer theme as the user-agent stylesheet (app.css adds to it). */
    static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public boolean isDark() {
        return dark;
    }

    /** F1: the keys and what they do, as a two-column table. */
    private void showShortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        a.getDialogPane().setContent(shortcutTable());
        a.getDialogPane().setId("shortcuts-dialog");
        owned(a).show();
    }

    /** The rows of F1's table: a key (or keys) and what it does. */
    static List<String[]> shortcuts() {
        return List.of(
                new String[]{"F5", "Start or resume training"},
                new String[]{"F6", "Pause"},
                new String[]{"F7", "Step exactly one iteration"},
                new String[]{"Space", "Play or pause the trajectory (Trajectory pane)"},
                new String[]{"\u2190 \u2192", "Step t down or up by one (Trajectory pane)"},
                new String[]{shortcut("Z") + " / " + shortcut("Y"),
                        "Undo / redo a mask edit (Inpaint pane) or a schedule edit (Schedule pane)"},
                new String[]{shortcut("Enter"), "Fill or denoise (Inpaint pane); Esc cancels the run"},
                new String[]{shortcut("R"), "Reset (a new run from the settings)"},
                new String[]{shortcut("N"), "New run with the default settings"},
                new String[]{shortcut("O"), "Open a model file"},
                new String[]{shortcut("S"), "Save the model"},
                new String[]{shortcut("Shift+S"), "Save the model as\u2026"},
                new String[]{shortcut("Q"), "Quit"},
                new String[]{"F1", "This list"});
    }

    private static javafx.scene.layout.GridPane shortcutTable() {
        javafx.scene.layout.GridPane table = new javafx.scene.layout.GridPane();
        table.setId("shortcuts-table");
        table.getStyleClass().add("shortcuts-table");
        List<String[]> rows = shortcuts();
        for (int r = 0; r < rows.size(); r++) {
            Label key = new Label(rows.get(r)[0]);
            key.getStyleClass().add("shortcut-key");
            key.setMinWidth(Region.USE_PREF_SIZE);      // a key is never shortened
            Label what = new Label(rows.get(r)[1]);
            what.setWrapText(true);
            table.addRow(r, key, what);
        }
        return table;
    }

    private static String shortcut(String key) {
        boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
        return (mac ? "Cmd+" : "Ctrl+") + key;
    }

    private void showPaper() {
        if (hostServices != null) {
            try {
                hostServices.showDocument(PAPER_URL);
            } catch (RuntimeException e) {
                LOG.warn("Cannot open a browser", e);
            }
        }
        info("The paper", "The paper behind DiffusionLab", PAPER_CITATION + "\n\n" + PAPER_URL);
    }

    private void showAbout() {
        info("About DiffusionLab", "DiffusionLab " + Version.get(), DiffusionLabApp.TAGLINE + "\n\n"
                + "Students watch the first diffusion probabilistic model learn: a forward process turns the data into "
                + "noise, a small network learns to reverse it, trained on the bound K.\n\n" + PAPER_CITATION);
    }

    private void info(String title, String header, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle(title);
        a.setHeaderText(header);
        a.setContentText(text);
        a.getDialogPane().setId("info-dialog");
        owned(a).show();
    }

    /** An error the user should see, e.g. a model file that cannot be opened (non-blocking). */
    void showError(String message) {
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.setTitle("DiffusionLab");
        a.setHeaderText("That did not work");
        a.setContentText(message);
        a.getDialogPane().setId("error-dialog");
        owned(a).show();
    }

    boolean confirm(String question) {
        ButtonType discard = new ButtonType("Discard and start over", ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType(keepAnswer(), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, question, discard, keep);
        a.setTitle("DiffusionLab");
        a.setHeaderText("Start a new run?");
        a.getDialogPane().setId("confirm-dialog");
        return owned(a).showAndWait().orElse(keep) == discard;
    }

    /** The answer that keeps the run, named after what it really keeps: training under way, or a paused run. */
    String keepAnswer() {
        boolean training = !activeProgress().pauseDisabledProperty().get();
        return training ? "Keep training" : "Keep this run";
    }

    private Alert owned(Alert a) {
        Window w = root.getScene() == null ? null : root.getScene().getWindow();
        if (w != null && w.isShowing()) {
            a.initOwner(w);
        }
        if (root.getScene() != null) {
            a.getDialogPane().getStylesheets().addAll(root.getScene().getStylesheets());
        }
        return a;
    }
}
