package org.diffusionlab.app.trajectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;

import javafx.scene.paint.Color;
import org.diffusionlab.app.ui.ColourMap;
import org.diffusionlab.app.ui.PointRaster;
import org.diffusionlab.engine.NativeRuntime;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.train.TrainingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pane's computation, renderer and CSV writer without a UI. */
class TrajectoryFramesTest {

    private static TrajectoryFrames frames;

    @BeforeAll
    static void compute() {
        NativeRuntime.configureDefault();
        TrainingConfig c = TrainingConfig.defaults().withSteps(6).withDataset("ring");
        frames = TrajectoryComputer.compute(DiffusionModel.untrained(c), 1000, 5, 0);
    }

    @Test
    void framesCoverEveryStepAndAreDeterministic() {
        assertEquals(6, frames.steps());
        assertEquals(1000, frames.points());
        assertEquals(7, frames.arrows().drift().length);
        assertEquals(TrajectoryComputer.HEAT_SIDE * TrajectoryComputer.HEAT_SIDE, frames.heat().variance()[3].length);
        TrajectoryFrames again = TrajectoryComputer.compute(DiffusionModel.untrained(
                TrainingConfig.defaults().withSteps(6).withDataset("ring")), 1000, 5, 0);
        for (int t = 0; t <= 6; t++) {
            assertTrue(java.util.Arrays.equals(frames.frame(Direction.REVERSE, t), again.frame(Direction.REVERSE, t)));
        }
        // the ring's colour is the angle of where a forward point starts
        float[] start = frames.frame(Direction.FORWARD, 0);
        for (int i = 0; i < 50; i++) {
            double angle = Math.atan2(start[2 * i + 1], start[2 * i]);
            double expected = 2 * Math.PI * frames.forwardColour()[i];
            assertTrue(Math.abs(Math.sin((angle - expected) / 2)) < 0.25, "point " + i);
        }
    }

    @Test
    void pointCountIsCappedByMemoryAtLargeT() {
        assertEquals(100_000, TrajectoryComputer.pointsFor(100_000, 40));
        assertEquals(7_992, TrajectoryComputer.pointsFor(100_000, 1000));
    }

    @Test
    void rendererPutsEachPointInItsColourOverTheBackground() {
        ColourMap map = new ColourMap(List.of(Color.BLUE, Color.RED));
        FrameRenderer.Style style = new FrameRenderer.Style(0xffffffff, 0xff888888, 0xffeeeeee, 0xff000000,
                0xff444444, 0xff000000, map, map);
        PointRaster raster = new PointRaster(300, 300);
        FrameRenderer.render(raster, frames, Direction.FORWARD, 0, FrameRenderer.Overlays.none(), style, null);
        float[] xy = frames.frame(Direction.FORWARD, 0);
        double scale = 300 / (2 * frames.extent());
        int px = (int) ((xy[0] + frames.extent()) * scale);
        int py = (int) ((frames.extent() - xy[1]) * scale);
        int pixel = raster.pixels()[py * 300 + px];
        assertNotEquals(0xffffffff, pixel, "a point is drawn where it lies");
        assertEquals(0xffffffff, raster.pixels()[300 * 130 + 130], "the ring's middle is empty at t = 0");

        FrameRenderer.Legend l = FrameRenderer.render(raster, frames, Direction.REVERSE, 3,
                new FrameRenderer.Overlays(true, true, true), style, new int[] {0, 1});
        assertTrue(l.arrowScale() > 0);
        assertEquals(frames.posteriorVariance()[2], l.heatLow());
        assertEquals(frames.betas()[2], l.heatHigh());
    }

    @Test
    void csvHasARowPerPointAndStepInPlayOrder() throws Exception {
        StringWriter w = new StringWriter();
        TrajectoryExport.writeCsv(w, frames, Direction.REVERSE);
        String[] lines = w.toString().split("\n");
        assertEquals("t,point,x,y", lines[0]);
        assertEquals(1000 * 7, lines.length - 1);
        assertTrue(lines[1].startsWith("6,0,"));
        assertTrue(lines[lines.length - 1].startsWith("0,999,"));
    }
}
