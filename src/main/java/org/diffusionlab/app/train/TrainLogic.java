package org.diffusionlab.app.train;

import java.util.List;
import java.util.Locale;

import org.diffusionlab.app.service.RunService.Activity;
import org.diffusionlab.engine.model.MlpArchitecture;
import org.diffusionlab.engine.train.Budget;
import org.diffusionlab.engine.train.TrainingConfig;

/**
 * The Train pane's rules without any UI: parsing and validating what the user typed (each refusal names the field,
 * its unit and range), which buttons are enabled in which state, and the budget's progress and ETA. Ranges come
 * from {@link TrainingConfig}'s own checks so the app and the command line refuse the same values.
 */
public final class TrainLogic {

    private TrainLogic() {
    }

    /** A parsed field: its value, or the reason it is refused (never both). */
    public record Parsed<T>(T value, String problem) {
        static <T> Parsed<T> ok(T value) {
            return new Parsed<>(value, "");
        }

        static <T> Parsed<T> refused(String problem) {
            return new Parsed<>(null, problem);
        }

        public boolean isValid() {
            return problem.isEmpty();
        }
    }

    /** How a run's budget is given. */
    public enum BudgetKind {
        NONE("No limit"), ITERATIONS("Iterations"), SECONDS("Seconds");

        private final String label;

        BudgetKind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Fields

    private static final TrainingConfig REFERENCE = TrainingConfig.defaults();

    /** Problems of a config that differs from the defaults only where the caller says (isolates one field's check). */
    private static List<String> problemsOf(int steps, double noise) {
        return TrainingConfig.problems(REFERENCE.dataset(), noise, steps, REFERENCE.schedule(), REFERENCE.beta1(),
                REFERENCE.architecture(), REFERENCE.optimizer(), REFERENCE.learningRate(), REFERENCE.batchSize(),
                REFERENCE.holdoutSize());
    }

    public static Parsed<Integer> steps(String text) {
        Parsed<Long> n = wholeNumber(text, "T");
        if (!n.isValid()) {
            return Parsed.refused(n.problem());
        }
        if (n.value() > Integer.MAX_VALUE || n.value() < Integer.MIN_VALUE) {
            return Parsed.refused("T must be between 2 and 1000, got " + text.trim());
        }
        List<String> p = problemsOf(n.value().intValue(), REFERENCE.noiseStd());
        return p.isEmpty() ? Parsed.ok(n.value().intValue()) : Parsed.refused(capitalise(p.get(0)));
    }

    public static Parsed<Double> noise(String text) {
        Parsed<Double> x = number(text, "Noise");
        if (!x.isValid()) {
            return x;
        }
        List<String> p = problemsOf(REFERENCE.steps(), x.value());
        return p.isEmpty() ? x : Parsed.refused(capitalise(p.get(0)));
    }

    public static Parsed<Double> learningRate(String text) {
        Parsed<Double> x = number(text, "Learning rate");
        if (!x.isValid()) {
            return x;
        }
        List<String> p = TrainingConfig.learningRateProblems(x.value());
        return p.isEmpty() ? x : Parsed.refused(capitalise(p.get(0)));
    }

    public static Parsed<Integer> batchSize(String text) {
        Parsed<Long> n = wholeNumber(text, "Batch size");
        if (!n.isValid()) {
            return Parsed.refused(n.problem());
        }
        // Beyond int, ask the engine about a value as far out of range, so the message keeps its one wording.
        int size = n.value() > Integer.MAX_VALUE || n.value() < Integer.MIN_VALUE ? Integer.MAX_VALUE : n.value().intValue();
        List<String> p = TrainingConfig.batchSizeProblems(size);
        return p.isEmpty() ? Parsed.ok(size)
                : Parsed.refused(capitalise(p.get(0)).replace("got " + size, "got " + text.trim()));
    }

    public static Parsed<Long> seed(String text) {
        return wholeNumber(text, "Seed");
    }

    public static Parsed<String> architecture(String name) {
        if (name == null || name.isBlank()) {
            return Parsed.refused("Choose an architecture: one of " + MlpArchitecture.presetNames());
        }
        return MlpArchitecture.isValid(name.trim()) ? Parsed.ok(name.trim().toLowerCase(Locale.ROOT))
                : Parsed.refused("Architecture must be one of " + MlpArchitecture.presetNames()
                + " or kind:width,width[+bias][+local], got " + name.trim());
    }

    /** The budget; NONE ignores the text. */
    public static Parsed<Budget> budget(BudgetKind kind, String text) {
        if (kind == null || kind == BudgetKind.NONE) {
            return Parsed.ok(Budget.unlimited());
        }
        if (kind == BudgetKind.ITERATIONS) {
            Parsed<Long> n = wholeNumber(text, "The iteration budget");
            if (!n.isValid()) {
                return Parsed.refused(n.problem());
            }
            return n.value() >= 1 ? Parsed.ok(Budget.iterations(n.value()))
                    : Parsed.refused("The iteration budget must be at least 1, got " + text.trim());
        }
        Parsed<Double> s = number(text, "The time budget");
        if (!s.isValid()) {
            return Parsed.refused(s.problem());
        }
        return s.value() > 0 && s.value() <= 1e7 ? Parsed.ok(Budget.seconds(s.value()))
                : Parsed.refused("The time budget must be more than 0 and at most 10000000 seconds, got " + text.trim());
    }

    private static Parsed<Double> number(String text, String field) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return Parsed.refused(field + " is empty: type a number");
        }
        try {
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v) || t.endsWith("d") || t.endsWith("D") || t.endsWith("f") || t.endsWith("F")) {
                return Parsed.refused(field + " must be a finite number, got " + t);
            }
            return Parsed.ok(v);
        } catch (NumberFormatException e) {
            return Parsed.refused(field + " must be a number (e.g. 0.01 or 1e-3), got " + t);
        }
    }

    private static Parsed<Long> wholeNumber(String text, String field) {
        String t = text == null ? "" : text.trim().replace("_", "");
        if (t.isEmpty()) {
            return Parsed.refused(field + " is empty: type a whole number");
        }
        try {
            return Parsed.ok(Long.parseLong(t));
        } catch (NumberFormatException e) {
            return Parsed.refused(field + " must be a whole number, got " + text.trim());
        }
    }

    static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** True if the two configs describe the same model: everything but the learning rate and batch size agrees. */
    public static boolean sameModel(TrainingConfig a, TrainingConfig b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.withOptimizer(a.optimizer(), b.learningRate(), b.batchSize()).equals(b);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Buttons

    /** Which of the four buttons are enabled, and what Start says. */
    public record Buttons(boolean start, boolean pause, boolean step, boolean reset, String startText) {
    }

    /**
     * @param activity     what the training service does now (null: no service yet)
     * @param inputsValid  every field is valid
     * @param hasRun       a trainer exists (a first snapshot arrived)
     * @param iteration    iterations the run has done
     */
    public static Buttons buttons(Activity activity, boolean inputsValid, boolean hasRun, long iteration) {
        Activity a = activity == null ? Activity.PREPARING : activity;
        boolean idle = a == Activity.IDLE && hasRun;
        String startText = iteration > 0 ? "Resume" : "Start";
        return switch (a) {
            case IDLE -> new Buttons(idle && inputsValid, false, idle && inputsValid, inputsValid, startText);
            case TRAINING -> new Buttons(false, true, false, inputsValid, startText);
            case STEPPING -> new Buttons(false, false, inputsValid, inputsValid, startText);
            case PAUSING, PREPARING -> new Buttons(false, false, false, inputsValid, startText);
            case CLOSED -> new Buttons(false, false, false, false, startText);
        };
    }

    // ------------------------------------------------------------------------------------------------------------
    // Budget progress

    /** Fraction of a budget done since it started, or NaN for no limit. */
    public static double progress(Budget budget, long iterationsDone, double secondsDone) {
        return budget == null ? Double.NaN : budget.fractionDone(Math.max(0, iterationsDone), Math.max(0, secondsDone));
    }

    /**
     * Wall-clock seconds left until the budget is spent: the sooner of the two limits. An iteration budget needs the
     * speed in iterations per wall-clock second; a time budget counts training seconds (the trainer's clock, which
     * leaves out holdout evaluations), converted with the measured wall seconds per training second (1 if unknown).
     * NaN when there is no limit or the speed is not yet known; 0 once spent.
     */
    public static double etaSeconds(Budget budget, long iterationsDone, double secondsDone, double iterationsPerSecond,
                                    double wallPerTrainingSecond) {
        if (budget == null || !budget.isLimited()) {
            return Double.NaN;
        }
        if (budget.exhausted(iterationsDone, secondsDone)) {
            return 0;
        }
        double eta = Double.POSITIVE_INFINITY;
        if (budget.iterations() > 0 && iterationsPerSecond > 0 && Double.isFinite(iterationsPerSecond)) {
            eta = Math.min(eta, (budget.iterations() - iterationsDone) / iterationsPerSecond);
        }
        if (budget.seconds() > 0) {
            double ratio = wallPerTrainingSecond >= 1 && Double.isFinite(wallPerTrainingSecond) ? wallPerTrainingSecond : 1;
            eta = Math.min(eta, (budget.seconds() - secondsDone) * ratio);
        }
        return Double.isInfinite(eta) ? Double.NaN : Math.max(0, eta);
    }

    /** The same with the clocks taken as equal. */
    public static double etaSeconds(Budget budget, long iterationsDone, double secondsDone, double iterationsPerSecond) {
        return etaSeconds(budget, iterationsDone, secondsDone, iterationsPerSecond, 1);
    }

    /**
     * The pace of a run measured from consecutive snapshots against the wall clock (smoothed): iterations per
     * second as the user experiences them, including the holdout evaluations the trainer's own clock leaves out.
     */
    public static final class Pace {
        private static final double SMOOTHING = 0.3;
        private long lastIteration = -1;
        private double lastTrainingSeconds;
        private long lastNanos;
        private double iterationsPerSecond = Double.NaN;
        private double wallPerTrainingSecond = Double.NaN;

        /** A snapshot arrived at {@code nanos} (System.nanoTime) while training. */
        public void observe(long iteration, double trainingSeconds, long nanos) {
            if (lastIteration >= 0 && iteration > lastIteration && nanos > lastNanos) {
                double wall = (nanos - lastNanos) / 1e9;
                double rate = (iteration - lastIteration) / wall;
                iterationsPerSecond = Double.isNaN(iterationsPerSecond) ? rate
                        : iterationsPerSecond + SMOOTHING * (rate - iterationsPerSecond);
                double dt = trainingSeconds - lastTrainingSeconds;
                if (dt > 0) {
                    double ratio = wall / dt;
                    wallPerTrainingSecond = Double.isNaN(wallPerTrainingSecond) ? ratio
                            : wallPerTrainingSecond + SMOOTHING * (ratio - wallPerTrainingSecond);
                }
            }
            lastIteration = iteration;
            lastTrainingSeconds = trainingSeconds;
            lastNanos = nanos;
        }

        /** Training stopped: the next observation starts a new interval (the smoothed rates are kept). */
        public void interrupt() {
            lastIteration = -1;
        }

        /** Forget everything (a new run). */
        public void clear() {
            lastIteration = -1;
            iterationsPerSecond = Double.NaN;
            wallPerTrainingSecond = Double.NaN;
        }

        public double iterationsPerSecond() {
            return iterationsPerSecond;
        }

        public double wallPerTrainingSecond() {
            return wallPerTrainingSecond;
        }
    }

    /** What is left of a budget after some of it was used (never exhausted unless the budget is). */
    public static Budget remaining(Budget budget, long iterationsDone, double secondsDone) {
        if (!budget.isLimited()) {
            return budget;
        }
        long it = budget.iterations() > 0 ? Math.max(0, budget.iterations() - iterationsDone) : 0;
        double s = budget.seconds() > 0 ? Math.max(0, budget.seconds() - secondsDone) : 0;
        if ((budget.iterations() > 0 && it == 0) || (budget.seconds() > 0 && s <= 0)) {
            return null;
        }
        return new Budget(it, s);
    }

    /** Seconds as h:mm:ss or m:ss; "–" when unknown. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "\u2013";
        }
        long s = Math.round(seconds);
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }

    /** Bits with two decimals and the unit; "–" when not yet known. */
    public static String bits(double bits) {
        return Double.isFinite(bits) ? String.format(Locale.ROOT, "%.2f bits", bits) : "\u2013";
    }
}
