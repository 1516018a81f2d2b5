package org.diffusionlab.cli;

import java.io.IOException;
import java.io.Writer;
import org.diffusionlab.engine.gaussian.Trajectory;
import org.diffusionlab.engine.io.SavedModel;
import org.diffusionlab.engine.posterior.GaussianTilt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sample}: draws points x_0 from a saved model through every reverse step. */
@Command(name = "sample",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        versionProvider = DiffusionLabCli.VersionProvider.class,
        headerHeading = "%n",
        header = "Draw samples from a saved model and write them as CSV (image models: a PNG grid, --png).",
        description = {"Runs the reverse process from x_T ~ N(0, I) down to x_0 (all T steps) and writes x_0: "
                + "header 'x,y', one point per row, in the unit-variance space the model was trained in."},
        footerHeading = "%nExamples:%n",
        footer = {"  diffusionlab sample roll.dlab --n 5000 --out samples.csv",
                "  diffusionlab sample assets/models/digits.dlab --n 64 --zoom 3 --png digits.png",
                "  diffusionlab sample roll.dlab --n 10 --seed 3 --out -",
                "  diffusionlab sample roll.dlab --n 5000 --r-gaussian 1,0.5,0.3 --out near.csv",
                "",
                "Exit codes: 0 success; 1 the output cannot be written; 2 bad arguments, options that do not apply to "
                        + "the model's kind, or a model file that is missing or cannot be read."})
final class SampleCommand extends SamplingCommand {

    @Option(names = "--r-gaussian", paramLabel = "MX,MY,S",
            description = "2-D models: sample the model multiplied by a Gaussian r(x_0) = N((MX, MY), S^2 I) (the "
                    + "paper's section 2.5), every reverse step multiplied in closed form; in the unit-variance space "
                    + "the model was trained in.")
    String rGaussian;

    @Override
    Trajectory draw(SavedModel saved, int points, long noiseSeed) {
        if (rGaussian == null) {
            return super.draw(saved, points, noiseSeed);
        }
        String[] parts = rGaussian.split(",");
        double[] v = new double[3];
        try {
            if (parts.length != 3) {
                throw new NumberFormatException();
            }
            for (int k = 0; k < 3; k++) {
                v[k] = Double.parseDouble(parts[k].trim());
            }
            GaussianTilt.check(new double[] {v[0], v[1]}, v[2]);
        } catch (NumberFormatException e) {
            throw CliException.usage("--r-gaussian takes three numbers MX,MY,S, got " + rGaussian);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--r-gaussian: " + e.getMessage());
        }
        return GaussianTilt.sample(saved.model().kernel(), new double[] {v[0], v[1]}, v[2], points, noiseSeed);
    }

    @Override
    void writeCsv(Trajectory tr, Writer w) throws IOException {
        w.write(coordinateHeader(tr.dims()));
        w.write('\n');
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < tr.points(); i++) {
            sb.setLength(0);
            appendPoint(sb, tr, 0, i);
            sb.append('\n');
            w.write(sb.toString());
        }
    }

    @Override
    String describe(Trajectory tr) {
        return count(tr.points()) + " samples";
    }
}
