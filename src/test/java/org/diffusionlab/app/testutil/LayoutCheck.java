package org.diffusionlab.app.testutil;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextInputControl;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.diffusionlab.app.DiffusionLabApp;
import org.diffusionlab.app.MainWindow;
import org.diffusionlab.app.train.TrainAnalysis;
import org.diffusionlab.engine.train.TrainingConfig;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What a user at a small screen would run into, found in a shown scene: a button, field, slider, label or chart
 * (canvas) of a pane that lies outside the window (or its pane) and cannot be scrolled into view, one squeezed below a usable size, and a
 * label whose text is cut off with an ellipsis. Call on the FX thread after a layout pass.
 */
public final class LayoutCheck {

    /** Charts smaller than this (either side) cannot be read. */
    static final double MIN_CHART_SIDE = 100;
    /** Any other canvas smaller than this has collapsed. */
    static final double MIN_CANVAS_SIDE = 6;
    /** Rounding slack of the layout, in pixels. */
    private static final double SLACK = 1.5;

    private LayoutCheck() {
    }

    /**
     * The problems of the pane (narrower than its minimum) and of the controls and labels under it (reachability,
     * size, cut text); empty when there are none. Each names the node by its id, class and text.
     */
    public static List<String> problems(Scene scene, Node pane) {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        List<String> found = new ArrayList<>();
        // a control must lie in the window and in its pane (not under the explanation drawer beside it)
        Bounds p = pane.localToScene(pane.getLayoutBounds());
        Bounds area = new javafx.geometry.BoundingBox(Math.max(0, p.getMinX()), Math.max(0, p.getMinY()),
                Math.min(scene.getWidth(), p.getMaxX()) - Math.max(0, p.getMinX()),
                Math.min(scene.getHeight(), p.getMaxY()) - Math.max(0, p.getMinY()));
        if (pane instanceof javafx.scene.layout.Region r && r.getWidth() + SLACK < r.minWidth(-1)) {
            found.add("the pane is squeezed to " + size(r.getWidth(), r.getHeight()) + ", below its minimum width "
                    + size(r.minWidth(-1), r.minHeight(-1)) + ": what lies beside it is pushed away");
        }
        visit(pane, node -> checkReachable(area, node, found));
        visit(pane, node -> checkText(node, found));
        return found;
    }

    /** The window sizes every pane is checked at: a small laptop, a projector, the most common student laptop. */
    public static final double[][] WINDOW_SIZES = {{1024, 700}, {1280, 720}, {1366, 768}};

    /** One main window shown in its own stage at one size (Monocle cannot grow a shown window's buffer). */
    public record Shown(Stage stage, MainWindow window, String size) {

        /** Hides the stage and stops the window's work. */
        public void close(FxRobot robot) {
            robot.interact(() -> {
                window.dispose();
                stage.hide();
            });
        }
    }

    /** A new main window (the default run), as the app builds its scene, in a new stage of this size. */
    public static Shown show(FxRobot robot, double width, double height) {
        Shown[] shown = new Shown[1];
        robot.interact(() -> {
            MainWindow window = new MainWindow(TrainingConfig.defaults(), TrainAnalysis.Settings.defaults(), null);
            Stage stage = new Stage();
            stage.setScene(DiffusionLabApp.createScene(window, width, height));
            stage.show();
            shown[0] = new Shown(stage, window, String.format(java.util.Locale.ROOT, "%.0fx%.0f", width, height));
        });
        return shown[0];
    }

    /**
     * Lets the layout settle, keeps a picture of the window in target/layout/NAME-WxH.png (to look at) and returns
     * what {@link #problems} finds in {@code pane}, each prefixed with the size. Call from the test thread.
     */
    public static List<String> check(Shown shown, Node pane, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Scene scene = shown.stage().getScene();
        Snapshots.write(scene, Path.of("target/layout/" + name + "-" + shown.size() + ".png"));
        List<String> found = new ArrayList<>(WaitForAsyncUtils.asyncFx(() -> problems(scene, pane)).get());
        return found.stream().map(f -> shown.size() + ": " + f).toList();
    }

    private interface Check {
        void on(Node node);
    }

    /** Every node under {@code node} that is shown (it and its parents visible). */
    private static void visit(Node node, Check check) {
        if (!node.isVisible()) {
            return;
        }
        check.on(node);
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                visit(child, check);
            }
        }
    }

    private static boolean isControl(Node n) {
        return n instanceof ButtonBase || n instanceof TextInputControl || n instanceof ComboBoxBase<?>
                || n instanceof ChoiceBox<?> || n instanceof Slider || n instanceof Spinner<?> || n instanceof Canvas;
    }

    /** A label with text is checked like a control: it must lie in the window or be scrollable into view. */
    private static boolean isTextLabel(Node n) {
        return n instanceof javafx.scene.control.Label l && l.getText() != null && !l.getText().isBlank();
    }

    private static void checkReachable(Bounds area, Node node, List<String> found) {
        if (!(isControl(node) || isTextLabel(node)) || insideControlSkin(node)) {
            return;
        }
        Bounds b = node.getLayoutBounds();
        if (node instanceof Canvas c) {
            // a chart's canvas follows its viewer's size; a legend's colour bar is thin on purpose
            boolean chart = false;
            for (Parent p = c.getParent(); p != null && !chart; p = p.getParent()) {
                chart = p instanceof org.jfree.chart.fx.ChartViewer;
            }
            double least = chart ? MIN_CHART_SIDE : MIN_CANVAS_SIDE;
            if (c.getWidth() < least || c.getHeight() < least) {
                found.add(describe(node) + (chart ? " (a chart)" : "") + " is squeezed to "
                        + size(c.getWidth(), c.getHeight()));
            }
        } else if (node instanceof javafx.scene.layout.Region r && r.getWidth() + SLACK < r.minWidth(-1)) {
            found.add(describe(node) + " is squeezed to " + size(r.getWidth(), r.getHeight()) + " below its minimum "
                    + size(r.minWidth(-1), r.minHeight(-1)));
        }
        // Walk up: within each scroll pane the node must lie inside the scrollable content (and within the viewport
        // along an axis that does not scroll); outside every scroll pane it must lie inside the window.
        Node inner = node;
        Bounds at = b;
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane sp && sp.getContent() != null) {
                Node content = sp.getContent();
                Bounds inContent = content.sceneToLocal(inner.localToScene(at));
                Bounds all = content.getLayoutBounds();
                boolean hScroll = sp.getHbarPolicy() != ScrollPane.ScrollBarPolicy.NEVER;
                boolean vScroll = sp.getVbarPolicy() != ScrollPane.ScrollBarPolicy.NEVER;
                double right = hScroll ? all.getMaxX() : Math.min(all.getMaxX(), sp.getViewportBounds().getWidth());
                double bottom = vScroll ? all.getMaxY() : Math.min(all.getMaxY(), sp.getViewportBounds().getHeight());
                if (inContent.getMinX() < all.getMinX() - SLACK || inContent.getMaxX() > right + SLACK
                        || inContent.getMinY() < all.getMinY() - SLACK || inContent.getMaxY() > bottom + SLACK) {
                    found.add(describe(node) + " lies outside its scroll pane's content " + inContent);
                    return;
                }
                inner = sp;
                at = sp.getLayoutBounds();
            }
        }
        Bounds inScene = inner.localToScene(at);
        if (inScene.getMinX() < area.getMinX() - SLACK || inScene.getMinY() < area.getMinY() - SLACK
                || inScene.getMaxX() > area.getMaxX() + SLACK || inScene.getMaxY() > area.getMaxY() + SLACK) {
            found.add(describe(node) + (inner == node ? "" : " (in a scroll pane that)") + " lies outside the "
                    + size(area.getWidth(), area.getHeight()) + " it has: " + inScene);
        }
    }

    /** The parts of a control's own skin (a combo box's button, a spinner's arrows) are checked as the control. */
    private static boolean insideControlSkin(Node node) {
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (isControl(p)) {
                return true;
            }
        }
        return false;
    }

    /** A label (or button) shows its text with an ellipsis where it does not fit: compare what is drawn. */
    private static void checkText(Node node, List<String> found) {
        if (!(node instanceof Labeled l) || l.getText() == null || l.getText().isEmpty()) {
            return;
        }
        for (Node child : l.getChildrenUnmodifiable()) {
            if (child instanceof Text t && t.isVisible()) {
                String shown = t.getText();
                String full = l.isMnemonicParsing() ? l.getText().replace("_", "") : l.getText();
                if (!shown.equals(full) && !shown.replace("\n", " ").equals(full.replace("\n", " "))
                        && shown.contains(l.getEllipsisString())) {
                    found.add(describe(node) + " is cut to \"" + shown + "\"");
                }
            }
        }
    }

    private static String describe(Node n) {
        String text = n instanceof Labeled l ? " \"" + l.getText() + "\""
                : n instanceof TextInputControl t ? " [" + t.getText() + "]" : "";
        return n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId()) + text;
    }

    private static String size(double w, double h) {
        return String.format(java.util.Locale.ROOT, "%.0fx%.0f", w, h);
    }
}
