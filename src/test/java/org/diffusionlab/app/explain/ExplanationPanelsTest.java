package org.diffusionlab.app.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.diffusionlab.app.DiffusionLabApp;
import org.diffusionlab.app.MainWindow;
import org.diffusionlab.app.testutil.Snapshots;
import org.diffusionlab.app.testutil.Tabs;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The explanation drawers in the whole app: open at first, equations drawn, terms and charts linked both ways. */
@ExtendWith(ApplicationExtension.class)
class ExplanationPanelsTest {

    private MainWindow window;
    private Stage stage;
    private double startWidth;
    private double startHeight;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        DiffusionLabApp app = new DiffusionLabApp();
        app.start(stage);
        startWidth = stage.getWidth();
        startHeight = stage.getHeight();
        window = app.window();
    }

    @Stop
    void stop() {
        window.dispose();
        // TestFX keeps one stage for every test class: leave it the size the next class expects.
        stage.setWidth(startWidth);
        stage.setHeight(startHeight);
    }

    @BeforeEach
    void ready(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start").queryButton();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !start.isDisabled());
        robot.interact(() -> {
            stage.setWidth(1366);
            stage.setHeight(768);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theTrainDrawerIsOpenAndItsEquationsAreDrawn(FxRobot robot) throws Exception {
        ExplainDrawer drawer = robot.lookup(".explain-drawer").queryAllAs(ExplainDrawer.class).stream()
                .filter(d -> d.panel() == window.trainView().explanation()).findFirst().orElseThrow();
        assertTrue(drawer.openProperty().get(), "open on first start");
        ExplanationPanel panel = window.trainView().explanation();
        assertFalse(panel.equations().isEmpty());
        for (Equation e : panel.equations()) {
            e.getChildrenUnmodifiable().forEach(n -> assertTrue(((TexView) n).isRendered(), "a term is blank"));
        }
        Snapshots.write(stage.getScene(), Path.of("target/explain/train-1366x768.png"));

        robot.clickOn("#explain-toggle-train");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(drawer.openProperty().get());
        assertTrue(robot.lookup("#explain-train").tryQuery().isEmpty() || !robot.lookup("#explain-train").query().isVisible()
                || robot.lookup("#explain-train").query().getScene() == null);
        robot.clickOn("#explain-toggle-train");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(drawer.openProperty().get());
    }

    @Test
    void hoveringTheKlSumDarkensTheBarsAndLeavingRestoresThem(FxRobot robot) {
        ExplanationPanel panel = window.trainView().explanation();
        TexView klTerm = panel.equations().stream().flatMap(e -> e.linkedTerms().stream())
                .filter(t -> Equation.elementOf(t) == PlotElement.KL_TERMS).findFirst().orElseThrow();
        ChartViewer bars = robot.lookup("#kl-chart").queryAs(ChartViewer.class);
        XYBarRenderer renderer = (XYBarRenderer) bars.getChart().getXYPlot().getRenderer();
        java.awt.Paint plain = renderer.getSeriesPaint(0);

        robot.interact(() -> window.trainView().highlights().point(null));
        robot.interact(() -> scrollIntoView(klTerm));
        robot.moveTo(klTerm);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(PlotElement.KL_TERMS, window.trainView().highlights().active());
        assertNotEquals(plain, renderer.getSeriesPaint(0), "the bars are emphasised while their term is hovered");
        assertTrue(klTerm.highlightedProperty().get());

        robot.moveTo("#k-chart");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(klTerm.highlightedProperty().get());
        assertEquals(plain, renderer.getSeriesPaint(0), "emphasis undone when the pointer leaves the term");
    }

    /** Scrolls the drawer so that {@code node} shows (the pointer can only hover what is on screen). */
    static void scrollIntoView(javafx.scene.Node node) {
        javafx.scene.Node n = node;
        while (n != null && !(n instanceof javafx.scene.control.ScrollPane)) {
            n = n.getParent();
        }
        if (n instanceof javafx.scene.control.ScrollPane sp) {
            javafx.scene.Node content = sp.getContent();
            double y = content.sceneToLocal(node.localToScene(0, 0)).getY();
            double extra = content.getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
            sp.setVvalue(extra <= 0 ? 0 : Math.min(1, Math.max(0, (y - 20) / extra)));
            sp.layout();
        }
    }

    @Test
    void theFiguresCardSaysWhyThePapersFigureDiffersAndSwitchesToThePapersSetup(FxRobot robot) throws Exception {
        Label why = robot.lookup("#train-paper-comparison").queryAs(Label.class);
        assertTrue(why.getText().contains("2.35"), why.getText());
        assertTrue(why.getText().contains("noise 0.1"), why.getText());

        Button paper = robot.lookup("#use-paper-setup").queryButton();
        robot.interact(() -> scrollIntoView(paper));
        robot.clickOn(paper);
        WaitForAsyncUtils.waitForFxEvents();
        var vm = window.trainViewModel();
        assertEquals("0.0", vm.noiseProperty().get().replace("0.00", "0.0").replaceAll("^0$", "0.0"));
        assertEquals("large", vm.architectureProperty().get());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> why.getText().contains("This is the paper's setup"));
    }

    @Test
    void everyChartElementOfEveryPaneSaysWhatItIs(FxRobot robot) {
        List<javafx.scene.Node> panes = List.of(window.trainView(), window.binaryTrainView(), window.scheduleView(),
                window.trajectoryView(), window.binaryTrajectoryView(), window.inpaintView());
        int charts = 0;
        int described = 0;
        for (javafx.scene.Node pane : panes) {
            for (ChartViewer viewer : chartsIn(pane)) {
                charts++;
                ChartGuide guide = ChartGuide.find(viewer);
                assertNotNull(guide, viewer.getId() + " has no guide");
                var plot = viewer.getChart().getXYPlot();
                for (var it = plot.getLegendItems().iterator(); it.hasNext(); ) {
                    var item = (org.jfree.chart.LegendItem) it.next();
                    assertNotNull(item.getToolTipText(), viewer.getId() + ": legend entry '" + item.getLabel() + "' has no tooltip");
                    assertFalse(item.getToolTipText().isBlank());
                    described++;
                }
                for (var series : allSeriesKeys(plot)) {
                    assertNotNull(guide.describe(series), viewer.getId() + ": series '" + series + "' is not described");
                }
                for (var marker : guide.markersOnPlot()) {
                    assertNotNull(guide.describe(marker), viewer.getId() + ": line '" + marker.getLabel() + "' is not described");
                    described++;
                }
            }
        }
        assertEquals(7, charts, "K and KL charts of both Train panes, and the Schedule pane's three");
        assertTrue(described >= 20, "legend entries and lines described: " + described);
    }

    @Test
    void pointingAtFmuDrawsTheDriftArrowsOnTheReversePicture(FxRobot robot) throws Exception {
        robot.interact(() -> Tabs.select(robot, "tab-trajectory"));
        var tv = window.trajectoryView();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> tv.viewModel().framesProperty().get() != null);
        robot.interact(() -> {
            tv.viewModel().driftProperty().set(false);
            tv.viewModel().tProperty().set(tv.viewModel().stepsProperty().get() / 2);
            tv.redrawNow();
        });
        javafx.scene.Node reverse = robot.lookup("#view-reverse").query();
        javafx.scene.image.WritableImage before = snapshot(robot, reverse);

        TexView fMu = tv.explanation().equations().stream().flatMap(e -> e.linkedTerms().stream())
                .filter(t -> Equation.elementOf(t) == PlotElement.DRIFT).findFirst().orElseThrow();
        robot.interact(() -> scrollIntoView(fMu));
        robot.moveTo(fMu);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(PlotElement.DRIFT, tv.highlights().active());
        robot.interact(tv::redrawNow);
        javafx.scene.image.WritableImage pointed = snapshot(robot, reverse);
        assertTrue(differentPixels(before, pointed) > 300, "arrows appear while f_mu is pointed at");
        assertFalse(tv.viewModel().driftProperty().get(), "pointing shows the arrows without switching them on");
        Snapshots.write(stage.getScene(), Path.of("target/explain/trajectory-pointed.png"));
    }

    @Test
    void pointingAtBetaThickensTheScheduleCurve(FxRobot robot) throws Exception {
        robot.interact(() -> Tabs.select(robot, "tab-schedule"));
        WaitForAsyncUtils.waitForFxEvents();
        var sv = window.scheduleView();
        ChartViewer chart = robot.lookup("#schedule-chart").queryAs(ChartViewer.class);
        var renderer = chart.getChart().getXYPlot().getRenderer(0);
        float before = ((java.awt.BasicStroke) renderer.getSeriesStroke(0) == null ? (java.awt.BasicStroke) renderer.getDefaultStroke()
                : (java.awt.BasicStroke) renderer.getSeriesStroke(0)).getLineWidth();
        TexView beta = sv.explanation().equations().stream().flatMap(e -> e.linkedTerms().stream())
                .filter(t -> Equation.elementOf(t) == PlotElement.BETA).findFirst().orElseThrow();
        robot.interact(() -> scrollIntoView(beta));
        Snapshots.write(stage.getScene(), Path.of("target/explain/schedule.png"));
        robot.moveTo(beta);
        WaitForAsyncUtils.waitForFxEvents();
        float during = ((java.awt.BasicStroke) renderer.getSeriesStroke(0)).getLineWidth();
        assertTrue(during > before, "beta_t is drawn thicker while its term is hovered: " + before + " -> " + during);
        Snapshots.write(stage.getScene(), Path.of("target/explain/schedule-pointed.png"));
    }

    @Test
    void eachPanesExplanationIsDrawnInFull(FxRobot robot) {
        snapshotPanels(robot, List.of(window.trainView().explanation(), window.trajectoryView().explanation(),
                window.scheduleView().explanation(), window.inpaintView().explanation()),
                List.of("train", "trajectory", "schedule", "inpaint"));
        robot.interact(() -> window.setExperiment(MainWindow.Experiment.HEARTBEAT));
        WaitForAsyncUtils.waitForFxEvents();
        snapshotPanels(robot, List.of(window.binaryTrainView().explanation(), window.binaryTrajectoryView().explanation()),
                List.of("train-heartbeat", "trajectory-heartbeat"));
        robot.interact(() -> window.setExperiment(MainWindow.Experiment.POINTS));
    }

    /** Each panel has a legend and non-blank equations; its whole column (not only what shows) goes to a PNG. */
    private static void snapshotPanels(FxRobot robot, List<ExplanationPanel> panels, List<String> names) {
        for (int i = 0; i < panels.size(); i++) {
            ExplanationPanel panel = panels.get(i);
            String name = names.get(i);
            assertFalse(panel.legendElements().isEmpty(), name + " has no legend");
            for (Equation e : panel.equations()) {
                e.getChildrenUnmodifiable().forEach(n -> assertTrue(((TexView) n).isRendered(), name + ": blank term"));
            }
            Snapshots.write(panel, Path.of("target/explain/panel-" + name + ".png"));
        }
    }

    private static java.util.Set<ChartViewer> chartsIn(javafx.scene.Node node) {
        java.util.Set<ChartViewer> out = new java.util.LinkedHashSet<>();
        if (node instanceof ChartViewer v) {
            out.add(v);
        } else if (node instanceof javafx.scene.Parent p) {
            for (javafx.scene.Node child : p.getChildrenUnmodifiable()) {
                out.addAll(chartsIn(child));
            }
            if (node instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
                out.addAll(chartsIn(sp.getContent()));
            }
        }
        return out;
    }

    private static List<Comparable<?>> allSeriesKeys(org.jfree.chart.plot.XYPlot plot) {
        List<Comparable<?>> keys = new java.util.ArrayList<>();
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            var data = plot.getDataset(d);
            for (int s = 0; data != null && s < data.getSeriesCount(); s++) {
                keys.add(data.getSeriesKey(s));
            }
        }
        return keys;
    }

    private static javafx.scene.image.WritableImage snapshot(FxRobot robot, javafx.scene.Node node) {
        javafx.scene.image.WritableImage[] out = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> out[0] = node.snapshot(null, null));
        return out[0];
    }

    private static int differentPixels(javafx.scene.image.WritableImage a, javafx.scene.image.WritableImage b) {
        int n = 0;
        for (int y = 0; y < (int) Math.min(a.getHeight(), b.getHeight()); y++) {
            for (int x = 0; x < (int) Math.min(a.getWidth(), b.getWidth()); x++) {
                n += a.getPixelReader().getArgb(x, y) != b.getPixelReader().getArgb(x, y) ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void atTheSmallestWindowNothingInADrawerRunsPastItsEdge(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        for (String tab : List.of("tab-train", "tab-trajectory", "tab-schedule", "tab-inpaint")) {
            robot.interact(() -> Tabs.select(robot, tab));
            WaitForAsyncUtils.waitForFxEvents();
            javafx.scene.control.ScrollPane drawer = robot.lookup(".explain-scroll").queryAllAs(javafx.scene.control.ScrollPane.class)
                    .stream().filter(javafx.scene.Node::isVisible).filter(n -> n.getScene() != null
                            && n.localToScene(n.getBoundsInLocal()).getMinX() < stage.getWidth()
                            && tabContains(robot, tab, n)).findFirst().orElseThrow();
            double right = drawer.localToScene(drawer.getBoundsInLocal()).getMaxX();
            assertTrue(right <= stage.getScene().getWidth() + 1, tab + ": the drawer ends past the window");
            for (javafx.scene.Node n : drawer.getContent().lookupAll(".tex-view")) {
                double x = n.localToScene(n.getLayoutBounds()).getMaxX();
                assertTrue(x <= right + 1, tab + ": a formula runs past the drawer's edge (" + x + " > " + right + "): "
                        + ((TexView) n).getLatex() + " width " + n.getLayoutBounds().getWidth() + " max " + ((TexView) n).getMaxWidth()
                        + " parent " + n.getParent().getLayoutBounds().getWidth() + " " + n.getParent().getClass().getSimpleName());
            }
            for (javafx.scene.Node n : drawer.getContent().lookupAll(".label")) {
                double x = n.localToScene(n.getLayoutBounds()).getMaxX();
                assertTrue(x <= right + 1, tab + ": text runs past the drawer's edge: " + ((Label) n).getText());
            }
        }
        Snapshots.write(stage.getScene(), Path.of("target/explain/inpaint-1024x700.png"));
    }

    private static boolean tabContains(FxRobot robot, String tab, javafx.scene.Node node) {
        var tabs = robot.lookup("#tabs").queryAs(javafx.scene.control.TabPane.class);
        var content = tabs.getTabs().stream().filter(t -> tab.equals(t.getId())).findFirst().orElseThrow().getContent();
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (n == content) {
                return true;
            }
        }
        return false;
    }
}
