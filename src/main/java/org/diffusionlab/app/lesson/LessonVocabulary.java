package org.diffusionlab.app.lesson;

import java.util.LinkedHashMap;
import java.util.Map;

/** The panes and shipped models a lesson may name (docs/lessons.md lists the same). */
public final class LessonVocabulary {

    /** Pane name → what it is; the tab's node id is "tab-" + the name. */
    public static final Map<String, String> PANES = ordered(
            "train", "the Train pane (the 2-D run, or the heartbeat's once a heartbeat model is open)",
            "trajectory", "the Trajectory pane",
            "schedule", "the Schedule pane (the 2-D run's beta_t)",
            "inpaint", "the Inpaint pane");

    /** Model name → what opening it does. */
    public static final Map<String, String> MODELS = ordered(
            "swissroll", "opens the shipped swiss-roll model (assets/models/swissroll.dlab) and shows its trajectories",
            "new-swissroll", "starts a fresh, untrained swiss-roll run with the default settings",
            "heartbeat", "opens the shipped heartbeat model (binary diffusion, T = 2000)",
            "digits", "chooses the digits model on the Inpaint pane",
            "texture", "chooses the bark-texture model on the Inpaint pane",
            "deadleaves", "chooses the dead-leaves model on the Inpaint pane");

    private LessonVocabulary() {
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
