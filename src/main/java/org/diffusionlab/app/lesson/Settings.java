package org.diffusionlab.app.lesson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.diffusionlab.app.inpaint.Mode;
import org.diffusionlab.app.train.TrainLogic.BudgetKind;
import org.diffusionlab.app.trajectory.Direction;

/**
 * The registry of settings a lesson step may make on the view models when it shows (after its model is open). Each
 * takes a value written as text; a value that does not fit is refused when the lesson is loaded.
 */
public final class Settings {

    /** One setting: its name, the values it takes (for messages and docs), how to check and apply a value. */
    public record Definition(String name, String values, String meaning, Function<String, String> problem,
                             BiConsumer<LessonHost, String> apply) {
    }

    private static final Map<String, Definition> ALL = new LinkedHashMap<>();

    static {
        put("train.budget.iterations", "a whole number from 1", "the 2-D run stops after this many more iterations "
                + "once started (the Train pane's budget)", Settings::positiveWhole, (h, v) -> {
                    h.train().budgetKindProperty().set(BudgetKind.ITERATIONS);
                    h.train().budgetValueProperty().set(v.trim());
                });
        put("train.learnBeta", "true or false", "whether the next fresh 2-D run learns beta_2..T (the paper) or keeps "
                + "the schedule fixed", Settings::bool, (h, v) -> h.train().learnBetaProperty().set(parseBool(v)));
        put("trajectory.direction", "forward, reverse or both", "which process the Trajectory pane shows",
                v -> oneOf(v, "forward", "reverse", "both"),
                (h, v) -> h.trajectory().directionProperty().set(Direction.valueOf(v.trim().toUpperCase(Locale.ROOT))));
        put("trajectory.t", "a whole number from 0", "the step t shown on the Trajectory pane (clamped to T)",
                Settings::wholeFromZero, (h, v) -> h.trajectory().tProperty().set(
                        Math.min(Integer.parseInt(v.trim()), Math.max(0, h.trajectory().stepsProperty().get()))));
        put("trajectory.drift", "true or false", "drift arrows on the Trajectory pane", Settings::bool,
                (h, v) -> h.trajectory().driftProperty().set(parseBool(v)));
        put("trajectory.heat", "true or false", "the f_Sigma heat map on the Trajectory pane", Settings::bool,
                (h, v) -> h.trajectory().heatProperty().set(parseBool(v)));
        put("trajectory.paths", "true or false", "point paths on the Trajectory pane", Settings::bool,
                (h, v) -> h.trajectory().pathsProperty().set(parseBool(v)));
        put("heartbeat.direction", "forward, reverse or both", "which process the heartbeat's Trajectory pane shows",
                v -> oneOf(v, "forward", "reverse", "both"), (h, v) -> h.heartbeatTrajectory().directionProperty()
                        .set(Direction.valueOf(v.trim().toUpperCase(Locale.ROOT))));
        put("heartbeat.t", "a whole number from 0", "the step t shown on the heartbeat's Trajectory pane (clamped to T)",
                Settings::wholeFromZero, (h, v) -> h.heartbeatTrajectory().tProperty().set(
                        Math.min(Integer.parseInt(v.trim()), Math.max(0, h.heartbeatTrajectory().stepsProperty().get()))));
        put("inpaint.mode", "fill or denoise", "what the Inpaint pane does: fill a masked region or denoise the image",
                v -> oneOf(v, "fill", "denoise"),
                (h, v) -> h.inpaint().modeProperty().set(Mode.valueOf(v.trim().toUpperCase(Locale.ROOT))));
    }

    private Settings() {
    }

    public static List<Definition> all() {
        return Collections.unmodifiableList(new ArrayList<>(ALL.values()));
    }

    /** Why this setting cannot be made (an unknown name, a value that does not fit), or null if it can. */
    public static String problem(String name, String value) {
        Definition d = ALL.get(name);
        if (d == null) {
            return "unknown setting '" + name + "' (docs/lessons.md lists the settings)";
        }
        String p = d.problem().apply(value == null ? "" : value);
        return p == null ? null : "setting '" + name + "' takes " + d.values() + ", got '" + value + "'";
    }

    /** Applies a valid setting. */
    public static void apply(LessonHost host, String name, String value) {
        ALL.get(name).apply().accept(host, value);
    }

    // ------------------------------------------------------------------------------------------------------------

    private static void put(String name, String values, String meaning, Function<String, String> problem,
                            BiConsumer<LessonHost, String> apply) {
        ALL.put(name, new Definition(name, values, meaning, problem, apply));
    }

    private static String bool(String v) {
        return oneOf(v, "true", "false");
    }

    private static boolean parseBool(String v) {
        return Boolean.parseBoolean(v.trim());
    }

    private static String oneOf(String v, String... allowed) {
        return List.of(allowed).contains(v.trim().toLowerCase(Locale.ROOT)) ? null : "not one of " + List.of(allowed);
    }

    private static String positiveWhole(String v) {
        try {
            return Integer.parseInt(v.trim()) >= 1 ? null : "below 1";
        } catch (NumberFormatException e) {
            return "not a whole number";
        }
    }

    private static String wholeFromZero(String v) {
        try {
            return Integer.parseInt(v.trim()) >= 0 ? null : "below 0";
        } catch (NumberFormatException e) {
            return "not a whole number";
        }
    }
}
