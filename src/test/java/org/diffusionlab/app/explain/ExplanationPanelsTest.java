package org.diffusionlab.app.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Start
    void start(Stage stage) {
        this.stage = stage;
        DiffusionLabApp app = new DiffusionLabApp();
        app.start(stage);
        window = app.window();
    }

    @Stop
    void stop() {
        window.dispose();
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
    void hoveringTheKlSumOutlinesTheBarsAndHoveringTheBarsLightsTheTerm(FxRobot robot) {
        ExplanationPanel panel = window.trainView().explanation();
        TexView klTerm = panel.equations().stream().flatMap(e -> e.linkedTerms().stream())
                .filter(t -> Equation.elementOf(t) == PlotElement.KL_TERMS).findFirst().orElseThrow();
        ChartViewer bars = robot.lookup("#kl-chart").queryAs(ChartViewer.class);
        XYBarRenderer renderer = (XYBarRenderer) bars.getChart().getXYPlot().getRenderer();
        assertFalse(renderer.isDrawBarOutline());

        robot.interact(() -> window.trainView().highlights().point(null));
        robot.interact(() -> scrollIntoView(klTerm));
        robot.moveTo(klTerm);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(PlotElement.KL_TERMS, window.trainView().highlights().active());
        assertTrue(renderer.isDrawBarOutline(), "the bars are emphasised while their term is hovered");
        assertTrue(klTerm.highlightedProperty().get());

        robot.moveTo("#k-chart");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(klTerm.highlightedProperty().get());
        assertFalse(renderer.isDrawBarOutline(), "emphasis undone when the pointer leaves the term");
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
    void theFiguresCardSaysWhyThePapersFigureDiffers(FxRobot robot) {
        Label why = robot.lookup("#train-paper-comparison").queryAs(Label.class);
        assertTrue(why.getText().contains("2.35"), why.getText());
        assertTrue(why.getText().contains("noise 0.1"), why.getText());
    }
}
