package org.diffusionlab.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;
import org.diffusionlab.engine.gaussian.ReverseSampler;
import org.diffusionlab.engine.gaussian.Trajectory;
import org.diffusionlab.engine.io.SavedModel;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code sample} and {@code trajectory} share: load a model, run the reverse process, write a CSV file. */
abstract class SamplingCommand extends CliCommand {

    /** Most points one run may draw (the sampler keeps all T + 1 frames of them in memory). */
    static final int MAX_POINTS = 1_000_000;

    @Parameters(index = "0", paramLabel = "FILE", description = "Model file written by 'train'.")
    Path file;

    @Option(names = "--n", paramLabel = "N",
            description = "Number of points to draw, 1 to 1000000 (trajectory: at most 20000000 rows, "
                    + "N x (T + 1), in all); image models: images in the grid, 1 to 1024 (default 64).")
    Integer n;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the reverse process's noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--png", paramLabel = "FILE",
            description = "Image models only (sample): write the samples as a PNG grid to FILE.")
    Path png;

    @Option(names = "--zoom", paramLabel = "K", defaultValue = "1",
            description = "Image models only: enlarge the PNG K times, 1 to 16 (default: ${DEFAULT-VALUE}).")
    int zoom;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE",
            description = "CSV file to write (atomically: a temporary file, then a rename); '-' writes to stdout.")
    String outFile;

    @Option(names = "--fix", paramLabel = "BIN=V[,BIN=V...]",
            description = "Heartbeat models only: fix bins (numbered 1..20) to 0 or 1 and sample the rest, "
                    + "e.g. 3=1,4=0.")
    String fix;

    /** Writes the CSV rows (header included) of a trajectory. */
    abstract void writeCsv(Trajectory trajectory, Writer w) throws IOException;

    /** What was written, for the confirmation on stderr. */
    abstract String describe(Trajectory trajectory);

    int maxPoints(SavedModel saved) {
        return MAX_POINTS;
    }

    @Override
    final int execute() throws Exception {
        // The file is read first (its kind decides which options apply), then the options are judged.
        if (org.diffusionlab.engine.image.ImageModelFile.isImageModel(file)) {
            if (!(this instanceof SampleCommand)) {
                throw CliException.usage("image models have no point trajectory; use 'sample --png' or 'inpaint --trajectory'");
            }
            refuseOptionsFor(file, "an image model (it writes a PNG grid, --png)", "--out", "--fix");
            return ImageCommands.sample(this, png, n == null ? 64 : n, zoom);
        }
        if (HeartbeatSample.handles(file)) {
            refuseOptionsFor(file, "a heartbeat model", "--png", "--zoom");
            checkCountAndOutput();
            return HeartbeatSample.execute(this, this instanceof TrajectoryCommand);   // a binomial model
        }
        SavedModel saved = ModelFiles.load(file);
        refuseOptionsFor(file, "a 2-D model", "--png", "--zoom", "--fix");
        checkCountAndOutput();
        int limit = maxPoints(saved);
        if (n > limit) {
            throw CliException.usage("--n must be at most " + limit + " points for this model, got " + n);
        }
        Trajectory trajectory = draw(saved, n, seed);
        try {
            OutputFiles.writeText(outFile, out(), w -> writeCsv(trajectory, w));
        } catch (IOException e) {
            throw writeFailed(outFile, e);
        }
        if (!OutputFiles.STDOUT.equals(outFile)) {
            err().println("Wrote " + describe(trajectory) + " to " + Path.of(outFile).toAbsolutePath().normalize());
        }
        return 0;
    }

    /** The reverse trajectory this command writes ({@code sample --r-gaussian} multiplies the process by r). */
    Trajectory draw(SavedModel saved, int points, long noiseSeed) {
        return ReverseSampler.sample(saved.model().kernel(), points, noiseSeed);
    }

    /** --n and --out, which point and heartbeat models need. */
    private void checkCountAndOutput() {
        if (n == null) {
            throw CliException.usage("Missing required option: '--n=N'");
        }
        if (outFile == null) {
            throw CliException.usage("Missing required option: '--out=FILE'");
        }
        if (n < 1 || n > MAX_POINTS) {
            throw CliException.usage("--n must be between 1 and " + MAX_POINTS + " points, got " + n);
        }
        if (!OutputFiles.STDOUT.equals(outFile)) {
            OutputFiles.checkWritable(Path.of(outFile), "--out");
        }
    }

    /** Column names of the coordinates: x,y in 2-D, x1..xd otherwise. */
    static String coordinateHeader(int dims) {
        if (dims == 2) {
            return "x,y";
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 1; k <= dims; k++) {
            sb.append(k > 1 ? "," : "").append('x').append(k);
        }
        return sb.toString();
    }

    /** Appends the coordinates of point i at step t, comma-separated, in shortest round-trip float form. */
    static void appendPoint(StringBuilder sb, Trajectory tr, int t, int i) {
        for (int k = 0; k < tr.dims(); k++) {
            if (k > 0) {
                sb.append(',');
            }
            sb.append(Float.toString(tr.coordinate(t, i, k)));
        }
    }

    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
