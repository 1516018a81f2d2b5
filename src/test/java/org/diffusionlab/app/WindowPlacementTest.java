package org.diffusionlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** Where the window opens, and what is remembered for the next start. */
class WindowPlacementTest {

    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1366, 728);     // 1366x768 less a task bar
    private static final Rectangle2D UHD = new Rectangle2D(0, 0, 3840, 2110);

    private static boolean inside(Rectangle2D r, Rectangle2D screen) {
        return r.getMinX() >= screen.getMinX() && r.getMinY() >= screen.getMinY() && r.getMaxX() <= screen.getMaxX()
                && r.getMaxY() <= screen.getMaxY();
    }

    @Test
    void theFirstWindowIsNeverLargerThanTheScreenItOpensOn() {
        Rectangle2D w = WindowPlacement.first(LAPTOP);
        assertTrue(inside(w, LAPTOP), w.toString());
        assertEquals(728, w.getHeight(), "the status bar stays above the task bar");
        assertEquals(1280, w.getWidth());
        Rectangle2D tiny = new Rectangle2D(0, 0, 1024, 700);
        assertEquals(tiny, WindowPlacement.first(tiny));
    }

    @Test
    void onAFullHdScreenTheFirstWindowIsTheUsualSize() {
        Rectangle2D w = WindowPlacement.first(new Rectangle2D(0, 0, 1920, 1160));
        assertEquals(1280, w.getWidth());
        assertEquals(800, w.getHeight());
    }

    @Test
    void onALargeScreenTheFirstWindowTakesThreeQuartersOfIt() {
        Rectangle2D w = WindowPlacement.first(UHD);
        assertEquals(2880, w.getWidth());
        assertTrue(inside(w, UHD));
    }

    @Test
    void aRememberedWindowOpensWhereItWasOrIsPulledBackOntoTheScreen() {
        Rectangle2D was = new Rectangle2D(40, 30, 1100, 650);
        assertEquals(was, WindowPlacement.place(Optional.of(was), List.of(LAPTOP), LAPTOP));
        // a window left larger than today's screen (a projector was unplugged) fits the screen
        Rectangle2D big = new Rectangle2D(200, 100, 1900, 1000);
        Rectangle2D placed = WindowPlacement.place(Optional.of(big), List.of(LAPTOP), LAPTOP);
        assertTrue(inside(placed, LAPTOP), placed.toString());
        // a window on a screen that is gone opens on the primary screen as a first window
        Rectangle2D gone = new Rectangle2D(4000, 0, 1200, 700);
        assertEquals(WindowPlacement.first(LAPTOP), WindowPlacement.place(Optional.of(gone), List.of(LAPTOP), LAPTOP));
        assertEquals(WindowPlacement.first(LAPTOP), WindowPlacement.place(Optional.empty(), List.of(LAPTOP), LAPTOP));
    }

    @Test
    void preferencesKeepTheWindowThemeAndPaneInTheAppsNode() {
        java.util.prefs.Preferences node = new AppPreferences.InMemory(null, "");
        WindowPreferences prefs = new WindowPreferences(node);
        assertFalse(prefs.windowBounds().isPresent());
        assertFalse(prefs.darkTheme());
        prefs.setWindowBounds(new Rectangle2D(10, 20, 1000, 690));
        prefs.setMaximised(true);
        prefs.setDarkTheme(true);
        prefs.setLastPane("tab-schedule");
        prefs.flush();

        WindowPreferences again = new WindowPreferences(node);
        assertEquals(Optional.of(new Rectangle2D(10, 20, 1000, 690)), again.windowBounds());
        assertTrue(again.maximised());
        assertTrue(again.darkTheme());
        assertEquals(Optional.of("tab-schedule"), again.lastPane());
    }
}
