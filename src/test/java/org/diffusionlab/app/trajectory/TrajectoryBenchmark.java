package org.diffusionlab.app.trajectory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.diffusionlab.app.MainWindow;
import org.diffusionlab.app.ui.ColourMap;
import org.diffusionlab.cli.Flops;
import org.diffusionlab.engine.NativeRuntime;
import org.diffusionlab.engine.gaussian.DiffusionModel;
import org.diffusionlab.engine.gaussian.ReverseSampler;
import org.diffusionlab.engine.io.ModelFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Prints (asserts nothing): the frame time of a large view with 20,000 points (render into the pixel buffer, copy
 * into the WritableImage, draw it on the canvas; on the FX thread, headless software pipeline), and the time of a
 * full reverse trajectory of 10,000 points over all T steps of the example model, with the network's arithmetic as a
 * fraction of the measured matrix-multiply speed. Run with
 * {@code mvn -o test -Dgroups=bench -DexcludedGroups=none -Dtest=TrajectoryBenchmark}.
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class TrajectoryBenchmark {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private static DiffusionModel example() throws Exception {
        Path temp = Files.createTempFile("bench", ".dlab");
        try (var in = MainWindow.class.getResourceAsStream(MainWindow.EXAMPLE_MODEL)) {
            Files.copy(in, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try {
            return ModelFile.load(temp).model();
        } finally {
            Files.delete(temp);
        }
    }

    @Test
    void frameTimeAndTrajectoryTime(FxRobot robot) throws Exception {
        NativeRuntime.configureDefault();
        DiffusionModel model = example();
        TrajectoryFrames frames = TrajectoryComputer.compute(model, 20_000, 1, 0);
        int steps = frames.steps();

        ColourMap map = new ColourMap(java.util.List.of(javafx.scene.paint.Color.BLUE, javafx.scene.paint.Color.RED));
        FrameRenderer.Style style = new FrameRenderer.Style(0xffffffff, 0xffcccccc, 0xfff0f0f0, 0xff000000,
                0xff666666, 0xff000000, map, map);
        int[] t = {steps / 2};
        FrameRenderer.Overlays[] overlays = {FrameRenderer.Overlays.none()};
        int[] follow = {1, 2, 3, 4, 5, 6};
        FrameView view = new FrameView(() -> new FrameView.Content(frames, Direction.REVERSE, t[0], overlays[0], style,
                follow), 200);
        robot.interact(() -> {
            stage.setScene(new Scene(new StackPane(view), 640, 640));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        for (FrameRenderer.Overlays o : new FrameRenderer.Overlays[] {FrameRenderer.Overlays.none(),
                new FrameRenderer.Overlays(true, false, true), new FrameRenderer.Overlays(true, true, true)}) {
            overlays[0] = o;
            double[] ms = new double[300];
            robot.interact(() -> {
                for (int i = 0; i < ms.length; i++) {
                    t[0] = i % (steps + 1);
                    long s = System.nanoTime();
                    view.redraw();
                    ms[i] = (System.nanoTime() - s) / 1e6;
                }
            });
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "Frame, %,d points, %d px view, overlays %s: median %.2f ms, 95th "
                    + "percentile %.2f ms, max %.2f ms%n", frames.points(), view.side(), o, ms[ms.length / 2],
                    ms[(int) (ms.length * 0.95)], ms[ms.length - 1]);
        }

        // A full reverse trajectory of 10,000 points, as the pane computes it (every step, frames kept).
        int n = 10_000;
        for (int i = 0; i < 3; i++) {
            ReverseSampler.sample(model.kernel(), n, i);
        }
        double[] s = new double[9];
        for (int i = 0; i < s.length; i++) {
            long t0 = System.nanoTime();
            ReverseSampler.sample(model.kernel(), n, 100 + i);
            s[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(s);
        double seconds = s[s.length / 2];
        double flops = Flops.sampling(model.config(), model.dims(), n);
        double matmul = Math.max(matmulGflops(512, 512, 512), matmulGflops(n, 4, 64));
        System.out.printf(Locale.ROOT, "Reverse trajectory, %,d points x %d steps (%s network): median %.1f ms; "
                        + "%.1f MFLOP of matrix products = %.2f GFLOP/s = %.1f%% of the best matmul speed (%.1f GFLOP/s)%n",
                n, steps, model.config().architecture(), seconds * 1e3, flops / 1e6, flops / seconds / 1e9,
                100 * flops / seconds / 1e9 / matmul, matmul);

        // The paper's network (16 RBF units), untrained: the arithmetic does not depend on the weights.
        DiffusionModel paper = DiffusionModel.untrained(org.diffusionlab.engine.train.TrainingConfig.defaults()
                .withArchitecture("paper"));
        ReverseSampler.sample(paper.kernel(), n, 1);
        double[] p = new double[9];
        for (int i = 0; i < p.length; i++) {
            long t0 = System.nanoTime();
            ReverseSampler.sample(paper.kernel(), n, 200 + i);
            p[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(p);
        double paperFlops = Flops.sampling(paper.config(), paper.dims(), n);
        System.out.printf(Locale.ROOT, "Reverse trajectory, %,d points x %d steps (paper network): median %.1f ms; "
                        + "%.1f MFLOP = %.1f%% of the best matmul speed%n", n, steps, p[p.length / 2] * 1e3,
                paperFlops / 1e6, 100 * paperFlops / p[p.length / 2] / 1e9 / matmul);

        double[] all = new double[5];
        for (int i = 0; i < all.length; i++) {
            long c0 = System.nanoTime();
            TrajectoryComputer.compute(model, n, 7 + i, 0);
            all[i] = (System.nanoTime() - c0) / 1e6;
        }
        Arrays.sort(all);
        long f0 = System.nanoTime();
        new org.diffusionlab.engine.gaussian.ForwardProcess(model.schedule())
                .trajectory(model.dataset().sample(n, 1), 2);
        double forwardMs = (System.nanoTime() - f0) / 1e6;
        long k0 = System.nanoTime();
        org.diffusionlab.engine.gaussian.KernelField.of(model.kernel(), TrajectoryComputer.grid(TrajectoryComputer.HEAT_SIDE));
        org.diffusionlab.engine.gaussian.KernelField.of(model.kernel(), TrajectoryComputer.grid(TrajectoryComputer.ARROW_SIDE));
        double fieldMs = (System.nanoTime() - k0) / 1e6;
        System.out.printf(Locale.ROOT, "Everything the pane computes per snapshot (forward and reverse trajectories, "
                + "colours, drift and variance grids), %,d points: median %.1f ms (of which the forward trajectory "
                + "%.1f ms, the two kernel grids %.1f ms)%n", n, all[all.length / 2], forwardMs, fieldMs);
    }

    /** Best-of-several float32 GFLOP/s of an [m, k] x [k, n] product through BLAS. */
    private static double matmulGflops(int m, int k, int n) {
        INDArray a = Nd4j.rand(DataType.FLOAT, m, k);
        INDArray b = Nd4j.rand(DataType.FLOAT, k, n);
        INDArray c = Nd4j.create(DataType.FLOAT, m, n);
        double best = 0;
        for (int trial = 0; trial < 7; trial++) {
            int reps = Math.max(1, (int) (2e8 / (2.0 * m * k * n)));
            long s = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            }
            best = Math.max(best, 2.0 * m * k * n * reps / ((System.nanoTime() - s) / 1e9) / 1e9);
        }
        return best;
    }
}
