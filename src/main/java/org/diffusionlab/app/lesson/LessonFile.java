package org.diffusionlab.app.lesson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javafx.scene.Node;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads a lesson file (YAML, format version {@value #VERSION}, described in docs/lessons.md) and refuses, with a
 * message naming the file, the line and the step, one that is malformed or names a pane, model, setting, check or
 * control the app does not have, or an equation that does not parse.
 */
public final class LessonFile {

    /** The format version this app reads; a file says which it was written for in its first key. */
    public static final int VERSION = 1;
    public static final String VERSION_KEY = "diffusionlab-lesson";
    public static final String EXTENSION = ".yaml";

    private static final Set<String> LESSON_KEYS = Set.of(VERSION_KEY, "title", "summary", "steps");
    private static final Set<String> STEP_KEYS = Set.of("title", "pane", "model", "settings", "hide", "highlight",
            "text", "equation", "task", "check", "question");
    private static final Set<String> QUESTION_KEYS = Set.of("prompt", "choices");
    private static final Set<String> CHOICE_KEYS = Set.of("text", "correct", "why");

    private final String source;
    private final LessonHost host;
    /** The step being read ("step 2, “Title”"), for messages; empty outside the steps. */
    private String where = "";

    private LessonFile(String source, LessonHost host) {
        this.source = source;
        this.host = host;
    }

    /** Reads a lesson file from disk. */
    public static Lesson read(Path file, LessonHost host) throws LessonFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LessonFileException(file.getFileName() + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return parse(file.getFileName().toString(), text, host);
    }

    /** Reads a lesson shipped on the class path (e.g. /assets/lessons/01-forward.yaml). */
    public static Lesson readResource(String resource, LessonHost host) throws LessonFileException {
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        try (InputStream in = LessonFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new LessonFileException(name + ": missing from this build (" + resource + ")");
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8), host);
        } catch (IOException e) {
            throw new LessonFileException(name + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Parses and validates a lesson's text; {@code source} names it in messages. */
    public static Lesson parse(String source, String text, LessonHost host) throws LessonFileException {
        return new LessonFile(source, host).lesson(text);
    }

    // ------------------------------------------------------------------------------------------------------------

    private Lesson lesson(String text) throws LessonFileException {
        org.snakeyaml.engine.v2.nodes.Node root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(source).build();
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
            root = composer.getSingleNode().orElse(null);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new LessonFileException(source + ", line " + line + ": not valid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new LessonFileException(source + ": not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new LessonFileException(source + ": the file is empty");
        }
        Map<String, org.snakeyaml.engine.v2.nodes.Node> top = mapping(root, "the lesson", LESSON_KEYS);
        String version = scalar(top, VERSION_KEY, root, true);
        if (!Integer.toString(VERSION).equals(version)) {
            throw error(top.get(VERSION_KEY), VERSION_KEY + " is " + version + ", but this version of DiffusionLab "
                    + "reads lesson format " + VERSION);
        }
        String title = scalar(top, "title", root, true);
        String summary = scalar(top, "summary", root, false);
        org.snakeyaml.engine.v2.nodes.Node stepsNode = top.get("steps");
        if (stepsNode == null) {
            throw error(root, "the lesson has no 'steps'");
        }
        List<org.snakeyaml.engine.v2.nodes.Node> items = sequence(stepsNode, "steps");
        if (items.isEmpty()) {
            throw error(stepsNode, "'steps' is empty: a lesson needs at least one step");
        }
        List<LessonStep> steps = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            where = "step " + (i + 1);
            steps.add(step(items.get(i)));
        }
        return new Lesson(source, title, summary == null ? "" : summary, steps);
    }

    private LessonStep step(org.snakeyaml.engine.v2.nodes.Node node) throws LessonFileException {
        Map<String, org.snakeyaml.engine.v2.nodes.Node> m = mapping(node, "a step", STEP_KEYS);
        String title = scalar(m, "title", node, true);
        where = where + " \u201c" + title + "\u201d";
        String pane = scalar(m, "pane", node, false);
        if (pane != null && !LessonVocabulary.PANES.containsKey(pane)) {
            throw error(m.get("pane"), "unknown pane '" + pane + "' (panes: " + String.join(", ",
                    LessonVocabulary.PANES.keySet()) + ")");
        }
        String model = scalar(m, "model", node, false);
        if (model != null && !LessonVocabulary.MODELS.containsKey(model)) {
            throw error(m.get("model"), "unknown model '" + model + "' (models: " + String.join(", ",
                    LessonVocabulary.MODELS.keySet()) + ")");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (m.containsKey("settings")) {
            for (var e : mapping(m.get("settings"), "'settings'", null).entrySet()) {
                String value = scalarValue(e.getValue(), "setting '" + e.getKey() + "'");
                String problem = Settings.problem(e.getKey(), value);
                if (problem != null) {
                    throw error(e.getValue(), problem);
                }
                settings.put(e.getKey(), value);
            }
        }
        List<String> hide = controls(m.get("hide"), "hide", true);
        List<String> highlight = controls(m.get("highlight"), "highlight", false);
        String text = scalar(m, "text", node, true);
        String equation = scalar(m, "equation", node, false);
        if (equation != null) {
            String problem = Equations.check(equation);
            if (problem != null) {
                throw error(m.get("equation"), "the equation does not parse: " + problem);
            }
        }
        String task = scalar(m, "task", node, false);
        LessonStep.CheckSpec check = m.containsKey("check") ? check(m.get("check")) : null;
        LessonStep.Question question = m.containsKey("question") ? question(m.get("question")) : null;
        return new LessonStep(line(node), title, pane, model, settings, hide, highlight, text.strip(),
                equation == null ? null : equation.strip(), task == null ? null : task.strip(), check, question);
    }

    private LessonStep.CheckSpec check(org.snakeyaml.engine.v2.nodes.Node node) throws LessonFileException {
        LessonStep.CheckSpec spec;
        if (node instanceof ScalarNode s) {
            spec = new LessonStep.CheckSpec(s.getValue().trim(), null);
        } else if (node instanceof MappingNode map && map.getValue().size() == 1) {
            NodeTuple t = map.getValue().get(0);
            String name = scalarValue(t.getKeyNode(), "the check's name");
            String number = scalarValue(t.getValueNode(), "the number of check '" + name + "'");
            try {
                spec = new LessonStep.CheckSpec(name.trim(), Double.valueOf(number.trim()));
            } catch (NumberFormatException e) {
                throw error(t.getValueNode(), "check '" + name + "' needs a number, got '" + number + "'");
            }
            if (!Double.isFinite(spec.argument())) {
                throw error(t.getValueNode(), "check '" + name + "' needs a finite number, got '" + number + "'");
            }
        } else {
            throw error(node, "'check' is a check's name, or one 'name: number' pair");
        }
        String problem = Checks.problem(spec);
        if (problem != null) {
            throw error(node, problem);
        }
        return spec;
    }

    private LessonStep.Question question(org.snakeyaml.engine.v2.nodes.Node node) throws LessonFileException {
        Map<String, org.snakeyaml.engine.v2.nodes.Node> m = mapping(node, "'question'", QUESTION_KEYS);
        String prompt = scalar(m, "prompt", node, true);
        if (!m.containsKey("choices")) {
            throw error(node, "the question has no 'choices'");
        }
        List<LessonStep.Choice> choices = new ArrayList<>();
        for (org.snakeyaml.engine.v2.nodes.Node c : sequence(m.get("choices"), "choices")) {
            Map<String, org.snakeyaml.engine.v2.nodes.Node> cm = mapping(c, "a choice", CHOICE_KEYS);
            String correct = scalar(cm, "correct", c, false);
            if (correct != null && !correct.equals("true") && !correct.equals("false")) {
                throw error(cm.get("correct"), "'correct' is true or false, got '" + correct + "'");
            }
            choices.add(new LessonStep.Choice(scalar(cm, "text", c, true).strip(), "true".equals(correct),
                    scalar(cm, "why", c, true).strip()));
        }
        if (choices.size() < 2) {
            throw error(m.get("choices"), "a question needs at least two choices");
        }
        if (choices.stream().noneMatch(LessonStep.Choice::correct)) {
            throw error(m.get("choices"), "no choice is marked 'correct: true'");
        }
        return new LessonStep.Question(prompt.strip(), choices);
    }

    /** The node ids listed under hide or highlight, each refused unless the app has that control. */
    private List<String> controls(org.snakeyaml.engine.v2.nodes.Node node, String key, boolean hiding)
            throws LessonFileException {
        if (node == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (org.snakeyaml.engine.v2.nodes.Node item : sequence(node, key)) {
            String id = scalarValue(item, "a control's id under '" + key + "'").trim();
            Node control = host.control(id);
            if (control == null) {
                throw error(item, "no control with the id '" + id + "' (docs/lessons.md lists the ids)");
            }
            if (hiding && (control.visibleProperty().isBound() || control.managedProperty().isBound())) {
                throw error(item, "control '" + id + "' cannot be hidden: the pane decides when it shows");
            }
            ids.add(id);
        }
        return ids;
    }

    // ------------------------------------------------------------------------------------------------------------
    // YAML nodes with their lines

    private Map<String, org.snakeyaml.engine.v2.nodes.Node> mapping(org.snakeyaml.engine.v2.nodes.Node node,
                                                                   String what, Set<String> known)
            throws LessonFileException {
        if (!(node instanceof MappingNode map)) {
            throw error(node, what + " must be a mapping of 'key: value' lines");
        }
        Map<String, org.snakeyaml.engine.v2.nodes.Node> m = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : map.getValue()) {
            String key = scalarValue(t.getKeyNode(), "a key");
            if (!seen.add(key)) {
                throw error(t.getKeyNode(), "'" + key + "' is given twice");
            }
            if (known != null && !known.contains(key)) {
                throw error(t.getKeyNode(), "unknown key '" + key + "' in " + what + " (known: "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
            m.put(key, t.getValueNode());
        }
        return m;
    }

    private List<org.snakeyaml.engine.v2.nodes.Node> sequence(org.snakeyaml.engine.v2.nodes.Node node, String key)
            throws LessonFileException {
        if (!(node instanceof SequenceNode s)) {
            throw error(node, "'" + key + "' must be a list (lines starting with '- ')");
        }
        return s.getValue();
    }

    private String scalar(Map<String, org.snakeyaml.engine.v2.nodes.Node> m, String key,
                          org.snakeyaml.engine.v2.nodes.Node owner, boolean required) throws LessonFileException {
        org.snakeyaml.engine.v2.nodes.Node v = m.get(key);
        if (v == null) {
            if (required) {
                throw error(owner, "'" + key + "' is missing");
            }
            return null;
        }
        String s = scalarValue(v, "'" + key + "'");
        if (required && s.isBlank()) {
            throw error(v, "'" + key + "' is empty");
        }
        return s;
    }

    private String scalarValue(org.snakeyaml.engine.v2.nodes.Node node, String what) throws LessonFileException {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, what + " must be plain text, not a list or mapping");
        }
        return s.getValue();
    }

    private static int line(org.snakeyaml.engine.v2.nodes.Node node) {
        return node == null ? 0 : node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private LessonFileException error(org.snakeyaml.engine.v2.nodes.Node node, String reason) {
        return new LessonFileException(source + ", line " + line(node) + (where.isEmpty() ? "" : " (" + where + ")")
                + ": " + reason);
    }
}
