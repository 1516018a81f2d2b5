package org.diffusionlab.app.lesson;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

import javafx.scene.Node;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;

/**
 * Wires lessons into the main window: the Lessons menu (the shipped lessons), File › Open lesson…, the lesson panel
 * shown in the window's side slot while a lesson runs, and the first start's welcome panel.
 */
public final class LessonController {

    private final LessonHost host;
    private final LessonSession session;
    private final LessonPanel panel;
    private final Consumer<Node> sideSlot;

    /** @param sideSlot puts a node beside the panes (null: nothing there) */
    public LessonController(LessonHost host, Consumer<Node> sideSlot) {
        this.host = Objects.requireNonNull(host);
        this.sideSlot = Objects.requireNonNull(sideSlot);
        session = new LessonSession(host);
        panel = new LessonPanel(session);
        session.lessonProperty().addListener((o, a, l) -> sideSlot.accept(l == null ? null : panel));
    }

    public LessonSession session() {
        return session;
    }

    /** The Lessons menu: one item per shipped lesson, numbered in the paper's order. */
    public Menu lessonsMenu() {
        Menu menu = new Menu("Lessons");
        menu.setId("menu-lessons");
        int n = 1;
        for (String resource : ShippedLessons.resources()) {
            String file = resource.substring(resource.lastIndexOf('/') + 1);
            String title;
            try {
                title = LessonFile.readResource(resource, host).title();
            } catch (LessonFileException e) {
                title = file + " (cannot be loaded)";
            }
            MenuItem item = new MenuItem(n + ". " + title);
            item.setId("menu-lesson-" + file.replace(LessonFile.EXTENSION, ""));
            item.setOnAction(e -> startShipped(resource));
            menu.getItems().add(item);
            n++;
        }
        return menu;
    }

    /** File › Open lesson…: a lesson file a teacher wrote. */
    public MenuItem openLessonItem() {
        MenuItem item = new MenuItem("Open lesson\u2026");
        item.setId("menu-open-lesson");
        item.setOnAction(e -> {
            Path p = host.chooseLessonFile();
            if (p != null) {
                open(p);
            }
        });
        return item;
    }

    /** Starts a lesson file, or shows why it cannot be used (file, line or step, reason); true if it started. */
    public boolean open(Path file) {
        try {
            session.start(LessonFile.read(file, host));
            return true;
        } catch (LessonFileException e) {
            host.showError("This lesson cannot be used.\n\n" + e.getMessage());
            return false;
        }
    }

    /** Starts a shipped lesson (a resource under /assets/lessons/); true if it started. */
    public boolean startShipped(String resource) {
        try {
            session.start(LessonFile.readResource(resource, host));
            return true;
        } catch (LessonFileException e) {
            host.showError("This lesson cannot be used.\n\n" + e.getMessage());
            return false;
        }
    }

    /** Shows the welcome panel in the side slot unless it was dismissed before. */
    public void offerWelcome(FirstStart firstStart) {
        if (!firstStart.welcomeWanted() || session.isRunning()) {
            return;
        }
        sideSlot.accept(new WelcomePanel(() -> {
            firstStart.dismissWelcome();
            sideSlot.accept(null);
            ShippedLessons.resources().stream().findFirst().ifPresent(this::startShipped);
        }, () -> {
            firstStart.dismissWelcome();
            sideSlot.accept(null);
        }));
    }
}
