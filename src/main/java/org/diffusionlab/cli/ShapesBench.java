package org.diffusionlab.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.diffusionlab.data.ImageDatasets;
import org.diffusionlab.engine.image.ImageDiffusionModel;
import org.diffusionlab.engine.image.ImageSampler;
import org.diffusionlab.engine.image.RegionShapes;

/**
 * {@code bench --shapes MODEL}: how round and how clean the patches of a dead-leaves model's samples are, beside real
 * held-out dead-leaves images; a number for the "dead leaves with clean disk edges".
 */
final class ShapesBench {

    private ShapesBench() {
    }

    static int run(BenchCommand c, Path model, int samples, int[] fromT) throws Exception {
        if (samples < 10 || samples > 10_000) {
            throw CliException.usage("--shapes-samples must be between 10 and 10000, got " + samples);
        }
        ImageDiffusionModel m = ImageCommands.loadModelOf(model, "deadleaves", "dead-leaves", "shapes figure");
        int[] starts = ImageCommands.reverseFromSteps(fromT, m, "--shapes-from-t");
        float[][] real = ImageDatasets.open("deadleaves", m.size()).holdout(samples);
        long start = System.nanoTime();
        float[][] drawn = ImageSampler.run(m, new ImageSampler.Request(samples, null, 1, false), null, null).samples();
        double seconds = (System.nanoTime() - start) / 1e9;
        c.out().printf(Locale.ROOT, "Flat patches: 4-connected pixels within %.2f grey of each other; patches of %d pixels "
                        + "or more that do not touch the border are scored by their compactness 4 pi A / P^2 (a digitised "
                        + "disk about 0.62, a ragged patch less).%n", RegionShapes.TOLERANCE, RegionShapes.MIN_AREA);
        c.out().printf(Locale.ROOT, "%-40s %7s %13s %12s %8s %10s %20s%n", "", "images", "patches/image", "flat pixels",
                "scored", "mean area", "compactness");
        print(c, "real dead-leaves images (holdout)", RegionShapes.of(real, m.size()));
        print(c, "samples of " + model.getFileName(), RegionShapes.of(drawn, m.size()));
        for (int t : starts) {
            float[][] back = ImageSampler.fromDiffusedImages(m, real, t, 1);
            print(c, String.format(Locale.ROOT, "real, diffused to t = %d and reversed", t), RegionShapes.of(back, m.size()));
        }
        c.out().printf(Locale.ROOT, "Samples: %,d drawn with seed 1 in %.0f s.%s%n", samples, seconds, starts.length == 0 ? ""
                : " Reversed rows: the same real images, x_t drawn from q(x_t | x_0), then the model's steps t..1.");
        return 0;
    }

    private static void print(BenchCommand c, String label, RegionShapes s) {
        c.out().printf(Locale.ROOT, "%-40s %7d %13.1f %11.1f%% %8d %10.1f %12.3f +/- %.3f%n", label, s.images(),
                s.regionsPerImage(), 100 * s.flatFraction(), s.shapes(), s.meanArea(), s.meanCompactness(),
                s.compactnessStandardError());
    }
}
