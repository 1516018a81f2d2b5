package org.diffusionlab.cli;

import java.io.IOException;
import java.io.Writer;
import org.diffusionlab.engine.gaussian.Trajectory;
import org.diffusionlab.engine.io.SavedModel;
import picocli.CommandLine.Command;

/** {@code trajectory}: the whole reverse trajectory x_T, ..., x_0 of some points. */
@Command(name = "trajectory",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        versionProvider = DiffusionLabCli.VersionProvider.class,
        headerHeading = "%n",
        header = "Write the reverse trajectories x_T ... x_0 of N points as CSV.",
        description = {"Header 't,point,x,y'; rows for t = T (pure noise) first, down to t = 0 (the samples), "
                + "points 0..N-1 within each t; coordinates in the unit-variance space. N x (T + 1) rows."},
        footerHeading = "%nExamples:%n",
        footer = {"  diffusionlab trajectory roll.dlab --n 500 --out traj.csv",
                "",
                "Exit codes: 0 success; 1 the output cannot be written; 2 bad arguments, options that do not apply to "
                        + "the model's kind, or a model file that is missing or cannot be read."})
final class TrajectoryCommand extends SamplingCommand {

    /** Most rows (points x (T + 1)) one trajectory file may hold. */
    static final long MAX_ROWS = 20_000_000L;

    @Override
    int maxPoints(SavedModel saved) {
        return (int) Math.min(MAX_POINTS, MAX_ROWS / (saved.model().schedule().steps() + 1));
    }

    @Override
    void writeCsv(Trajectory tr, Writer w) throws IOException {
        w.write("t,point," + coordinateHeader(tr.dims()));
        w.write('\n');
        StringBuilder sb = new StringBuilder(64);
        for (int t = tr.steps(); t >= 0; t--) {
            for (int i = 0; i < tr.points(); i++) {
                sb.setLength(0);
                sb.append(t).append(',').append(i).append(',');
                appendPoint(sb, tr, t, i);
                sb.append('\n');
                w.write(sb.toString());
            }
        }
    }

    @Override
    String describe(Trajectory tr) {
        return count(tr.points()) + " trajectories of " + (tr.steps() + 1) + " steps ("
                + count((long) tr.points() * (tr.steps() + 1)) + " rows)";
    }
}
