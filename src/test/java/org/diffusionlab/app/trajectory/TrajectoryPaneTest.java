package org.diffusionlab.app.trajectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.concurrent.Task;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Slider;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.diffusionlab.app.DiffusionLabApp;
import org.diffusionlab.app.MainWindow;
import org.diffusionlab.data.Dataset;
import org.diffusionlab.data.Datasets;
import org.diffusionlab.data.UserData;
import org.diffusionlab.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The Trajectory pane in the whole window, headless (Monocle), on the default run's untrained model. */
@ExtendWith(ApplicationExtension.class)
class TrajectoryPaneTest {

    private MainWindow window;
    private TrajectoryViewModel vm;

    @Start
    void start(Stage stage) {
        DiffusionLabApp app = new DiffusionLabApp();
        app.start(stage);
        window = app.window();
        vm = window.trajectoryView().viewModel();
    }

    @Stop
    void stop() {
        window.dispose();
    }

    private void showPane(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.trainViewModel().runConfig() != null);
        robot.interact(() -> window.selectTab("tab-trajectory"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.framesProperty().get() != null);
        robot.interact(() -> window.trajectoryView().redrawNow());
    }

    private static double[] variances(float[] xy) {
        int n = xy.length / 2;
        double[] out = new double[2];
        for (int d = 0; d < 2; d++) {
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += xy[2 * i + d];
            }
            m /= n;
            double v = 0;
            for (int i = 0; i < n; i++) {
                v += (xy[2 * i + d] - m) * (xy[2 * i + d] - m);
            }
            out[d] = v / n;
        }
        return out;
    }

    private FrameView.Content shownForward() {
        return window.trajectoryView().largeView(Direction.FORWARD).shown();
    }

    @Test
    void movingTheSliderChangesTheShownStepAndItsData(FxRobot robot) throws Exception {
        showPane(robot);
        Slider slider = robot.lookup("#t-slider").queryAs(Slider.class);
        int steps = vm.stepsProperty().get();
        assertEquals(TrainingConfig.defaults().steps(), steps);

        robot.interact(() -> slider.setValue(steps));
        robot.interact(() -> window.trajectoryView().redrawNow());
        assertEquals("t = " + steps + " / " + steps, window.trajectoryView().tText());
        FrameView.Content atT = shownForward();
        assertEquals(steps, atT.t());
        for (double v : variances(atT.frames().frame(Direction.FORWARD, steps))) {
            assertEquals(1, v, 0.1, "the forward spread at t = T is about the unit Gaussian's");
        }

        robot.interact(() -> slider.setValue(0));
        robot.interact(() -> window.trajectoryView().redrawNow());
        assertEquals("t = 0 / " + steps, window.trajectoryView().tText());
        FrameView.Content at0 = shownForward();
        assertEquals(0, at0.t());
        // at t = 0 the view shows the data themselves: the data set's points for the frames' seed
        Dataset data = Datasets.create(TrainingConfig.defaults().dataset(), TrainingConfig.defaults().noiseStd());
        double[][] expected = data.sample(at0.frames().points(), at0.frames().seed());
        float[] shown = at0.frames().frame(Direction.FORWARD, 0);
        for (int i = 0; i < expected.length; i++) {
            assertEquals((float) expected[i][0], shown[2 * i]);
            assertEquals((float) expected[i][1], shown[2 * i + 1]);
        }
    }

    @Test
    void playAdvancesSpaceTogglesAndArrowsStepExactlyOne(FxRobot robot) throws Exception {
        showPane(robot);
        robot.interact(() -> vm.directionProperty().set(Direction.FORWARD));
        robot.interact(() -> vm.tProperty().set(0));
        robot.clickOn("#t-label");      // the keyboard goes to the pane, not a text field

        robot.clickOn("#play");
        assertTrue(vm.playingProperty().get());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.tProperty().get() >= 2);

        robot.type(KeyCode.SPACE);
        assertFalse(vm.playingProperty().get(), "space pauses");
        int paused = vm.tProperty().get();
        Thread.sleep(400);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(paused, vm.tProperty().get(), "paused: t stays");

        robot.type(KeyCode.SPACE);
        assertTrue(vm.playingProperty().get(), "space plays again");
        robot.type(KeyCode.SPACE);
        assertFalse(vm.playingProperty().get());

        robot.interact(() -> vm.tProperty().set(10));
        robot.type(KeyCode.RIGHT);
        assertEquals(11, vm.tProperty().get());
        robot.type(KeyCode.LEFT);
        robot.type(KeyCode.LEFT);
        assertEquals(9, vm.tProperty().get());
    }

    @Test
    void drawingADataSetAndSwitchingToTrainMakesItTheTrainingSet(FxRobot robot) throws Exception {
        showPane(robot);
        robot.clickOn("#draw-mode");
        robot.drag("#draw-canvas").moveBy(-120, -60).moveBy(80, -80).release(javafx.scene.input.MouseButton.PRIMARY);
        robot.moveTo("#draw-canvas").moveBy(100, 100).clickOn();
        robot.moveTo("#draw-canvas").moveBy(-100, 100).clickOn();
        int points = vm.drawing().pointsProperty().get();
        assertTrue(points > 10, "a stroke and two clicks make many points, got " + points);

        robot.clickOn("#draw-use");
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        assertEquals("tab-train", tabs.getSelectionModel().getSelectedItem().getId());
        UserData drawn = vm.drawing().toUserData();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> drawn.id().equals(
                window.trainViewModel().runConfig().dataset()));
        @SuppressWarnings("unchecked")
        ComboBox<String> dataset = robot.lookup("#dataset").queryAs(ComboBox.class);
        assertEquals(drawn.id(), dataset.getValue());
        String shown = "Your data (" + String.format("%,d", drawn.size()) + " points)";
        assertEquals(shown, dataset.getConverter().toString(dataset.getValue()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(shown, dataset.getButtonCell().getText(), "the combo box shows the drawn data set");
        assertFalse(robot.lookup(".dialog-pane").tryQuery().isPresent(), "no error dialog");
        // "Train on this data" trains: the new run starts by itself
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.trainViewModel().service().getActivity()
                == org.diffusionlab.app.service.RunService.Activity.TRAINING);
        robot.interact(() -> window.trainViewModel().pause());

        // the Trajectory pane now diffuses the drawn data
        robot.interact(() -> window.selectTab("tab-trajectory"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.framesProperty().get() != null
                && drawn.id().equals(vm.framesProperty().get().dataset()));
    }

    @Test
    void pointsAndSeedAreTypedCheckedAndNewNoiseDrawsANewSeed(FxRobot robot) throws Exception {
        showPane(robot);
        javafx.scene.control.TextField points = robot.lookup("#points").queryAs(javafx.scene.control.TextField.class);
        robot.clickOn(points).eraseText(points.getText().length()).write("12").type(KeyCode.ENTER);
        assertTrue(points.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("error")));
        assertTrue(points.getTooltip().getText().contains("1,000 to 100,000"), points.getTooltip().getText());
        assertEquals(10_000, vm.framesProperty().get().points(), "a refused count computes nothing");

        robot.clickOn(points).eraseText(points.getText().length()).write("2000").type(KeyCode.ENTER);
        assertFalse(points.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("error")));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.framesProperty().get().points() == 2000);

        javafx.scene.control.TextField seed = robot.lookup("#trajectory-seed").queryAs(javafx.scene.control.TextField.class);
        robot.clickOn(seed).eraseText(seed.getText().length()).write("77").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.framesProperty().get().seed() == 77);
        robot.clickOn("#new-noise");
        assertFalse("77".equals(seed.getText()), "new noise shows its new seed");
        long shown = Long.parseLong(seed.getText());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.framesProperty().get().seed() == shown);
    }

    @Test
    void aCsvLoadsIntoTheDrawingAndABadOneSaysWhy(@TempDir Path dir, FxRobot robot) throws Exception {
        Path good = dir.resolve("points.csv");
        Files.writeString(good, "x;y\n1000;5\n3000;6\n2000;9\n2500;7\n");
        Task<?>[] task = new Task<?>[1];
        robot.interact(() -> task[0] = window.trajectoryView().loadCsv(good));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> task[0].isDone());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(vm.drawingProperty().get(), "loading shows the drawing");
        assertEquals(4, vm.drawing().pointsProperty().get());
        for (double[] p : vm.drawing().toUserData().points()) {
            assertTrue(Math.abs(p[0]) < 2 && Math.abs(p[1]) < 2, "scaled to unit variance so it fits the canvas");
        }

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "1,2\n3,four\n");
        robot.interact(() -> task[0] = window.trajectoryView().loadCsv(bad));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        javafx.scene.control.DialogPane dialog = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertTrue(dialog.getContentText().contains("bad.csv, line 2"), dialog.getContentText());
        robot.interact(() -> dialog.getScene().getWindow().hide());
        assertEquals(4, vm.drawing().pointsProperty().get(), "a bad file changes nothing");
    }

    @Test
    void whileTrainingTheReverseRowFollowsTheNewestSnapshotAtABoundedRate(FxRobot robot) throws Exception {
        robot.interact(() -> vm.pointsProperty().set("1000"));
        showPane(robot);
        List<Long> iterations = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> vm.framesProperty().addListener((o, a, f) -> iterations.add(f.iteration())));
        robot.interact(() -> window.trainViewModel().start());
        long started = System.nanoTime();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> iterations.size() >= 3);
        double seconds = (System.nanoTime() - started) / 1e9;
        robot.interact(() -> window.trainViewModel().pause());
        for (int i = 1; i < iterations.size(); i++) {
            assertTrue(iterations.get(i) > iterations.get(i - 1), "each recomputation shows a newer model: " + iterations);
        }
        // at most one request per REFRESH_MILLIS (plus the one at the start)
        assertTrue(iterations.size() <= 2 + seconds * 1000 / TrajectoryViewModel.REFRESH_MILLIS,
                iterations.size() + " recomputations in " + seconds + " s");
    }

    @Test
    void csvPngAndGifExportsReadBack(@TempDir Path dir, FxRobot robot) throws Exception {
        robot.interact(() -> vm.pointsProperty().set("1000"));
        showPane(robot);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.framesProperty().get().points() == 1000);
        TrajectoryFrames f = vm.framesProperty().get();
        int steps = f.steps();

        for (String kind : List.of("csv-forward", "csv-reverse")) {
            Path csv = dir.resolve(kind + ".csv");
            await(robot, () -> window.trajectoryView().export(kind, csv));
            List<String> lines = Files.readAllLines(csv);
            assertEquals("t,point,x,y", lines.get(0));
            assertEquals(1000 * (steps + 1), lines.size() - 1, "points x (T + 1) rows");
            String[] first = lines.get(1).split(",");
            assertEquals(kind.equals("csv-forward") ? "0" : Integer.toString(steps), first[0]);
            Direction row = kind.equals("csv-forward") ? Direction.FORWARD : Direction.REVERSE;
            int t = Integer.parseInt(first[0]);
            assertEquals(f.trajectory(row).coordinate(t, 0, 0), Float.parseFloat(first[2]));
        }

        robot.interact(() -> vm.directionProperty().set(Direction.BOTH));
        Path png = dir.resolve("frame.png");
        await(robot, () -> window.trajectoryView().export("png", png));
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image);
        assertEquals(2 * 720, image.getWidth());
        assertEquals(720 + TrajectoryExport.CAPTION, image.getHeight());

        robot.interact(() -> vm.directionProperty().set(Direction.REVERSE));
        Path gif = dir.resolve("animation.gif");
        await(robot, () -> window.trajectoryView().export("gif", gif));
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(steps + 1, reader.getNumImages(true), "one GIF frame per step");
            String meta = ImageIOText.tree(reader.getImageMetadata(0));
            assertTrue(meta.contains("NETSCAPE"), "the first frame carries the loop extension");
            reader.dispose();
        }
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files");
    }

    private static void await(FxRobot robot, java.util.function.Supplier<Task<Path>> start) throws Exception {
        Task<?>[] task = new Task<?>[1];
        robot.interact(() -> task[0] = start.get());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> task[0].isDone());
        task[0].get();      // throws if the export failed
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Image metadata as text (node names and attributes), for looking for the loop extension. */
    static final class ImageIOText {
        static String tree(javax.imageio.metadata.IIOMetadata meta) {
            StringBuilder b = new StringBuilder();
            walk(meta.getAsTree(meta.getNativeMetadataFormatName()), b);
            return b.toString();
        }

        private static void walk(org.w3c.dom.Node n, StringBuilder b) {
            b.append(n.getNodeName()).append(' ');
            if (n.getAttributes() != null) {
                for (int i = 0; i < n.getAttributes().getLength(); i++) {
                    b.append(n.getAttributes().item(i).getNodeValue()).append(' ');
                }
            }
            for (org.w3c.dom.Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
                walk(c, b);
            }
        }
    }
}
