package org.diffusionlab.app.trajectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.paint.Color;
import org.diffusionlab.app.ui.ColourMap;
import org.diffusionlab.app.ui.PointRaster;
import org.diffusionlab.engine.NativeRuntime;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.model.KernelForm;
import org.diffusionlab.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/** The covariance ellipses of the Trajectory pane: their axes in closed form, and the overlay drawn for either form. */
class CovarianceEllipseTest {

    @Test
    void axesAreTheSquareRootsOfTheEigenvaluesAlongTheEigenvectors() {
        CovarianceEllipse upright = CovarianceEllipse.of(4, 1, 0);
        assertEquals(2, upright.major(), 1e-12);
        assertEquals(1, upright.minor(), 1e-12);
        assertEquals(0, upright.angle(), 1e-12);
        // [[2, 1], [1, 2]]: eigenvalues 3 and 1, the major axis along (1, 1)
        CovarianceEllipse slanted = CovarianceEllipse.of(2, 2, 1);
        assertEquals(Math.sqrt(3), slanted.major(), 1e-12);
        assertEquals(1, slanted.minor(), 1e-12);
        assertEquals(Math.PI / 4, slanted.angle(), 1e-12);
        double[] tip = slanted.point(0);
        assertEquals(Math.sqrt(1.5), tip[0], 1e-12);
        assertEquals(Math.sqrt(1.5), tip[1], 1e-12);
        // a negative covariance tilts the other way; a singular one has no minor axis
        assertEquals(-Math.PI / 4, CovarianceEllipse.of(2, 2, -1).angle(), 1e-12);
        assertEquals(0, CovarianceEllipse.of(1, 1, 1).minor(), 1e-7);
    }

    @Test
    void overlayIsDrawnForEitherKernelForm() {
        NativeRuntime.configureDefault();
        ColourMap map = new ColourMap(List.of(Color.BLUE, Color.RED));
        FrameRenderer.Style style = new FrameRenderer.Style(0xffffffff, 0xff888888, 0xffeeeeee, 0xff000000,
                0xff444444, 0xff00aa00, map, map);
        for (KernelForm form : KernelForm.values()) {
            TrainingConfig c = TrainingConfig.defaults().withSteps(6).withCovariance(form);
            TrajectoryFrames frames = TrajectoryComputer.compute(DiffusionModel.untrained(c), 1000, 5, 0);
            float[] cov = frames.arrows().covariance()[3];
            assertEquals(3 * frames.arrows().size(), cov.length);
            // untrained: the exact kernel of N(0, I) data, beta_t I, in both forms
            assertEquals(frames.betas()[2], cov[0], 1e-6);
            assertEquals(frames.betas()[2], cov[1], 1e-6);
            assertEquals(0, cov[2], 1e-9);

            PointRaster plain = new PointRaster(300, 300);
            FrameRenderer.render(plain, frames, Direction.REVERSE, 3, FrameRenderer.Overlays.none(), style, null);
            PointRaster with = new PointRaster(300, 300);
            FrameRenderer.Legend l = FrameRenderer.render(with, frames, Direction.REVERSE, 3,
                    new FrameRenderer.Overlays(false, false, false, true), style, null);
            assertTrue(l.ellipseScale() > 0, form + ": the legend gives the ellipses' scale");
            int changed = 0;
            for (int i = 0; i < plain.pixels().length; i++) {
                changed += plain.pixels()[i] != with.pixels()[i] ? 1 : 0;
            }
            assertTrue(changed > 500, form + ": the ellipses change " + changed + " pixels");
        }
    }
}
