package org.diffusionlab.app.explain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.diffusionlab.app.DiffusionLabApp;
import org.diffusionlab.app.testutil.Snapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Formulas render with ink (not a blank canvas), refuse bad LaTeX by reason, and tint when highlighted. */
@ExtendWith(ApplicationExtension.class)
class TexViewTest {

    static final String BOUND = "K = -\\sum_{t=2}^{T} \\int dx^{(0)} dx^{(t)}\\, q\\, D_{KL}\\big(q(x^{(t-1)}|x^{(t)},x^{(0)})"
            + " \\,\\|\\, p(x^{(t-1)}|x^{(t)})\\big) + H_q(X^{(T)}|X^{(0)}) - H_q(X^{(1)}|X^{(0)}) - H_p(X^{(T)})";

    private TexView bound;
    private TexView beta;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        bound = new TexView(BOUND);
        beta = new TexView("\\beta_t");
        VBox box = new VBox(8, bound, beta);
        box.setFillWidth(false);
        Scene scene = new Scene(box, 900, 200);
        scene.getStylesheets().add(DiffusionLabApp.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aFormulaDrawsInk(FxRobot robot) {
        assertTrue(bound.isRendered());
        WritableImage shot = snapshot(robot, bound);
        assertTrue(inkPixels(shot) > 200, "the bound's formula drew almost nothing");
        Snapshots.write(bound.getScene(), Path.of("target/explain/tex-bound.png"));
    }

    @Test
    void highlightingTintsTheBackground(FxRobot robot) {
        WritableImage before = snapshot(robot, beta);
        robot.interact(() -> beta.highlightedProperty().set(true));
        WritableImage after = snapshot(robot, beta);
        int changed = 0;
        for (int y = 0; y < (int) before.getHeight(); y++) {
            for (int x = 0; x < (int) before.getWidth(); x++) {
                changed += before.getPixelReader().getArgb(x, y) != after.getPixelReader().getArgb(x, y) ? 1 : 0;
            }
        }
        double area = before.getWidth() * before.getHeight();
        assertTrue(changed > area / 2, "highlight should tint the term's box: " + changed + " of " + area + " pixels");
    }

    @Test
    void badLatexIsRefusedWithAReason() {
        assertNull(TexView.check("\\frac{a}{b}"));
        String why = TexView.check("\\notACommand{x}");
        assertNotNull(why);
        assertFalse(why.isBlank());
    }

    private static WritableImage snapshot(FxRobot robot, TexView v) {
        WritableImage[] out = new WritableImage[1];
        robot.interact(() -> out[0] = v.snapshot(null, null));
        return out[0];
    }

    /** Pixels that differ clearly from the top-left corner's colour (the background). */
    static int inkPixels(WritableImage img) {
        PixelReader r = img.getPixelReader();
        int bg = r.getArgb(0, 0);
        int n = 0;
        for (int y = 0; y < (int) img.getHeight(); y++) {
            for (int x = 0; x < (int) img.getWidth(); x++) {
                int p = r.getArgb(x, y);
                int d = Math.abs(((p >> 16) & 255) - ((bg >> 16) & 255)) + Math.abs(((p >> 8) & 255) - ((bg >> 8) & 255))
                        + Math.abs((p & 255) - (bg & 255));
                if (d > 60) {
                    n++;
                }
            }
        }
        return n;
    }
}
