package org.diffusionlab.app.testutil;

import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.testfx.api.FxRobot;

/** Selects a main-window tab by its id, so tests do not depend on the order of the tabs. */
public final class Tabs {

    private Tabs() {
    }

    /** Selects the tab with this id (e.g. "tab-schedule"); call on the FX thread (inside robot.interact). */
    public static void select(FxRobot robot, String tabId) {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        Tab tab = tabs.getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst()
                .orElseThrow(() -> new AssertionError("no tab " + tabId + " in " + tabs.getTabs()));
        tabs.getSelectionModel().select(tab);
    }
}
