package org.diffusionlab.app.inpaint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Times a fill with each shipped model through the pane's own code path ({@link InpaintEngine#run}, on this thread, as
 * the pane's worker runs it): the centre-square mask (144 of 784 pixels), one fill and four fills at once, and a
 * denoising; every x_t kept and handed to a listener, as in the app. Prints the median of 5 runs after a warm-up;
 * asserts nothing about speed. Run it with
 * {@code mvn -o test -Dgroups=bench -DexcludedGroups=none -Dtest=InpaintBenchmark}.
 */
@Tag("bench")
class InpaintBenchmark {

    private static final int RUNS = 5;

    @Test
    void fillTimesOfTheShippedModels() throws Exception {
        InpaintEngine engine = new InpaintEngine();
        System.out.printf(Locale.ROOT, "%-11s %-22s %8s %8s %8s%n", "model", "run", "median", "min", "max");
        for (String name : InpaintViewModel.MODELS) {
            long t0 = System.nanoTime();
            InpaintEngine.Scale scale = engine.scale(name);
            double load = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%-11s %-22s %7.2fs%n", name, "load the model", load);
            SourceImage img = engine.randomImage(name, 1);
            Mask mask = new Mask(scale.size());
            mask.centreSquare();
            float[] px = img.pixels();
            for (int fills : new int[] {1, 4}) {
                FillJob job = new FillJob(name, Mode.FILL, img, mask.toArray(), px, px, 0, 1, fills);
                time(engine, job, name, "fill, " + fills + (fills == 1 ? " image" : " images"));
            }
            FillJob denoise = new FillJob(name, Mode.DENOISE, img, new boolean[px.length], px, px, 0.3, 1, 1);
            time(engine, denoise, name, "denoise, sigma 0.3");
        }
    }

    private static void time(InpaintEngine engine, FillJob job, String name, String what) throws Exception {
        int[] frames = new int[1];
        engine.run(job, null, (t, images) -> frames[0]++);     // warm-up
        double[] s = new double[RUNS];
        for (int k = 0; k < RUNS; k++) {
            frames[0] = 0;
            long start = System.nanoTime();
            FillResult r = engine.run(job, null, (t, images) -> frames[0]++);
            s[k] = (System.nanoTime() - start) / 1e9;
            assertEquals(r.steps() + 1, frames[0]);
        }
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%-11s %-22s %7.2fs %7.2fs %7.2fs%n", name, what, s[RUNS / 2], s[0], s[RUNS - 1]);
    }
}
