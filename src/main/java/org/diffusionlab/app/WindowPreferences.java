package org.diffusionlab.app;

import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import javafx.geometry.Rectangle2D;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the main window remembers between starts: its size, position and maximised state, the theme and the pane
 * last shown, as keys in the app's one {@link Preferences} node ({@link AppPreferences#forNewWindow()}; tests give a
 * throwaway in-memory node).
 */
public final class WindowPreferences {

    private static final Logger LOG = LoggerFactory.getLogger(WindowPreferences.class);
    private static final String X = "window.x";
    private static final String Y = "window.y";
    private static final String WIDTH = "window.width";
    private static final String HEIGHT = "window.height";
    private static final String MAXIMISED = "window.maximised";
    private static final String DARK = "theme.dark";
    private static final String PANE = "pane.last";

    private final Preferences node;

    public WindowPreferences(Preferences node) {
        this.node = java.util.Objects.requireNonNull(node);
    }

    /** The window's last normal (not maximised) bounds, if any were kept. */
    public Optional<Rectangle2D> windowBounds() {
        double w = node.getDouble(WIDTH, -1);
        double h = node.getDouble(HEIGHT, -1);
        if (w <= 0 || h <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Rectangle2D(node.getDouble(X, 0), node.getDouble(Y, 0), w, h));
    }

    public void setWindowBounds(Rectangle2D b) {
        node.putDouble(X, b.getMinX());
        node.putDouble(Y, b.getMinY());
        node.putDouble(WIDTH, b.getWidth());
        node.putDouble(HEIGHT, b.getHeight());
    }

    public boolean maximised() {
        return node.getBoolean(MAXIMISED, false);
    }

    public void setMaximised(boolean maximised) {
        node.putBoolean(MAXIMISED, maximised);
    }

    public boolean darkTheme() {
        return node.getBoolean(DARK, false);
    }

    public void setDarkTheme(boolean dark) {
        node.putBoolean(DARK, dark);
    }

    /** The id of the tab shown last (e.g. "tab-schedule"), or empty. */
    public Optional<String> lastPane() {
        return Optional.ofNullable(node.get(PANE, null));
    }

    public void setLastPane(String tabId) {
        if (tabId != null) {
            node.put(PANE, tabId);
        }
    }

    /** Writes what was put to the store now (the platform would otherwise do it some time later). */
    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            LOG.warn("Cannot keep the window's settings", e);       // the app works as before, it just forgets
        }
    }
}
