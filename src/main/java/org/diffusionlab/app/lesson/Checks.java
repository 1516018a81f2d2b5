package org.diffusionlab.app.lesson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.function.Predicate;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import org.diffusionlab.app.service.RunService;
import org.diffusionlab.engine.train.RunFigures;

/**
 * The registry of checks a lesson step may name: conditions over the view models' live state. A number reading
 * gives five checks (reading.atLeast, .atMost, .above, .below, .equals, each with a number); a flag is one check
 * without a number. Flags marked "since the step began" only turn true on a change after the step showed.
 */
public final class Checks {

    /** One check: its name, whether it takes a number, what it means (for docs/lessons.md), and how to watch it. */
    public record Definition(String name, boolean takesNumber, String meaning, Arming arming) {
    }

    /** Builds the live check for a host and its number (NaN for a check without one). */
    @FunctionalInterface
    public interface Arming {
        ArmedCheck arm(LessonHost host, double number);
    }

    private static final Map<String, Definition> ALL = new LinkedHashMap<>();

    static {
        reading("train.holdoutK", "K on the holdout of the 2-D run, bits per point",
                h -> runFigure(h.train().snapshotProperty(), RunFigures::holdoutKBits));
        reading("train.iterations", "iterations done by the 2-D run",
                h -> runFigure(h.train().snapshotProperty(), s -> (double) s.iteration()));
        reading("heartbeat.holdoutK", "K on the holdout of the heartbeat run, bits per sequence",
                h -> runFigure(h.heartbeatTrain().snapshotProperty(), RunFigures::holdoutKBits));
        reading("heartbeat.iterations", "iterations done by the heartbeat run",
                h -> runFigure(h.heartbeatTrain().snapshotProperty(), s -> (double) s.iteration()));
        reading("trajectory.t", "the step t shown on the Trajectory pane (2-D)",
                h -> h.trajectory().tProperty());
        reading("heartbeat.t", "the step t shown on the heartbeat's Trajectory pane",
                h -> h.heartbeatTrajectory().tProperty());
        reading("heartbeat.fractionCorrect", "fraction of the heartbeat samples that are a correct heartbeat at the t "
                + "shown (0 to 1)", h -> h.heartbeatTrajectory().fractionCorrectProperty());
        reading("heartbeat.finalFractionCorrect", "fraction of the heartbeat samples that are correct at t = 0",
                h -> h.heartbeatTrajectory().finalFractionCorrectProperty());
        reading("inpaint.t", "the reverse step t shown on the Inpaint pane", h -> h.inpaint().tProperty());

        flag("train.running", "the 2-D run is training",
                h -> Bindings.createBooleanBinding(() -> h.train().service().getActivity()
                        == RunService.Activity.TRAINING, h.train().service().activityProperty()));
        flag("trajectory.drift", "the drift arrows are shown on the Trajectory pane", h -> h.trajectory().driftProperty());
        flag("trajectory.heat", "the f_Sigma heat map is shown on the Trajectory pane", h -> h.trajectory().heatProperty());
        changed("trajectory.played", "the trajectory was played (since the step began)",
                h -> h.trajectory().playingProperty(), Boolean.TRUE::equals);
        changed("heartbeat.played", "the heartbeat trajectory was played (since the step began)",
                h -> h.heartbeatTrajectory().playingProperty(), Boolean.TRUE::equals);
        changed("schedule.edited", "the schedule was edited on the Schedule pane: a point dragged, beta_1 typed or a "
                + "preset chosen (since the step began)", h -> h.schedule().editor().currentProperty(), v -> true);
        changed("inpaint.masked", "the mask was changed on the Inpaint pane (since the step began)",
                h -> h.inpaint().maskRevisionProperty(), v -> true);
        changed("inpaint.filled", "a fill or denoise run finished on the Inpaint pane (since the step began)",
                h -> h.inpaint().resultProperty(), v -> v != null);
    }

    private Checks() {
    }

    /** Every check, in the order docs/lessons.md lists them. */
    public static List<Definition> all() {
        return Collections.unmodifiableList(new ArrayList<>(ALL.values()));
    }

    public static Definition find(String name) {
        return ALL.get(name);
    }

    /** Why this check cannot be used (an unknown name, a missing or unwanted number), or null if it can. */
    public static String problem(LessonStep.CheckSpec spec) {
        Definition d = ALL.get(spec.name());
        if (d == null) {
            return "unknown check '" + spec.name() + "' (docs/lessons.md lists the checks)";
        }
        if (d.takesNumber() && spec.argument() == null) {
            return "check '" + spec.name() + "' needs a number, e.g. '" + spec.name() + ": 10'";
        }
        if (!d.takesNumber() && spec.argument() != null) {
            return "check '" + spec.name() + "' takes no number: write it alone, e.g. 'check: " + spec.name() + "'";
        }
        return null;
    }

    /** Starts watching a valid check. */
    public static ArmedCheck arm(LessonHost host, LessonStep.CheckSpec spec) {
        Definition d = ALL.get(spec.name());
        if (d == null) {
            throw new IllegalArgumentException(problem(spec));
        }
        return d.arming().arm(host, spec.argument() == null ? Double.NaN : spec.argument());
    }

    // ------------------------------------------------------------------------------------------------------------

    private static void reading(String name, String meaning, Function<LessonHost, ObservableValue<? extends Number>> value) {
        comparison(name, "atLeast", "\u2265", meaning, value, (v, x) -> v >= x);
        comparison(name, "atMost", "\u2264", meaning, value, (v, x) -> v <= x);
        comparison(name, "above", ">", meaning, value, (v, x) -> v > x);
        comparison(name, "below", "<", meaning, value, (v, x) -> v < x);
        // equal within a millionth of the number's size: t and counts are whole, K is never asked to be equal
        comparison(name, "equals", "=", meaning, value,
                (v, x) -> Math.abs(v - x) <= 1e-6 * Math.max(1, Math.abs(x)));
    }

    private interface Comparison {
        boolean holds(double value, double number);
    }

    private static void comparison(String reading, String suffix, String symbol, String meaning,
                                   Function<LessonHost, ObservableValue<? extends Number>> value, Comparison test) {
        String name = reading + "." + suffix;
        put(new Definition(name, true, meaning + " " + symbol + " the number", (host, x) -> {
            ObservableValue<? extends Number> v = value.apply(host);
            DoublePredicate holds = d -> !Double.isNaN(d) && test.holds(d, x);
            return binding(Bindings.createBooleanBinding(() -> v.getValue() != null
                    && holds.test(v.getValue().doubleValue()), v));
        }));
    }

    private static void flag(String name, String meaning, Function<LessonHost, ObservableValue<Boolean>> value) {
        put(new Definition(name, false, meaning, (host, x) -> {
            ObservableValue<Boolean> v = value.apply(host);
            return binding(Bindings.createBooleanBinding(() -> Boolean.TRUE.equals(v.getValue()), v));
        }));
    }

    /** A flag that turns true (and stays true) when the value changes to one that passes {@code accepted}. */
    private static <T> void changed(String name, String meaning, Function<LessonHost, ObservableValue<T>> value,
                                    Predicate<T> accepted) {
        put(new Definition(name, false, meaning, (host, x) -> {
            ObservableValue<T> v = value.apply(host);
            ReadOnlyBooleanWrapper met = new ReadOnlyBooleanWrapper(false);
            ChangeListener<T> listener = (o, a, b) -> {
                if (accepted.test(b)) {
                    met.set(true);
                }
            };
            v.addListener(listener);
            return new ArmedCheck() {
                @Override
                public ObservableBooleanValue met() {
                    return met.getReadOnlyProperty();
                }

                @Override
                public void disarm() {
                    v.removeListener(listener);
                }
            };
        }));
    }

    private static <S extends RunFigures> ObservableValue<Double> runFigure(ObservableValue<S> snapshot,
                                                                            Function<S, Double> figure) {
        return Bindings.createObjectBinding(() -> snapshot.getValue() == null ? Double.NaN
                : figure.apply(snapshot.getValue()), snapshot);
    }

    private static ArmedCheck binding(BooleanBinding b) {
        return new ArmedCheck() {
            @Override
            public ObservableBooleanValue met() {
                return b;
            }

            @Override
            public void disarm() {
                b.dispose();
            }
        };
    }

    private static void put(Definition d) {
        if (ALL.put(d.name(), d) != null) {
            throw new IllegalStateException("two checks named " + d.name());
        }
    }

    /** The check written as in a lesson file, e.g. "train.holdoutK.above: -1.5". */
    public static String describe(LessonStep.CheckSpec spec) {
        return spec.argument() == null ? spec.name()
                : spec.name() + ": " + String.format(Locale.ROOT, "%s", spec.argument());
    }
}
