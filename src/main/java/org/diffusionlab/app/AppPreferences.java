package org.diffusionlab.app;

import java.util.HashMap;
import java.util.Map;
import java.util.prefs.AbstractPreferences;
import java.util.prefs.Preferences;

/**
 * Where the app remembers things between starts (which explanation drawers are closed, ...): the user's
 * java.util.prefs node {@code org/diffusionlab}, or, when the system property {@code diffusionlab.prefs} is
 * {@code memory} (the tests set it), a fresh in-memory store per window, so that no test reads or changes the
 * user's real preferences or another test's.
 */
public final class AppPreferences {

    public static final String PROPERTY = "diffusionlab.prefs";

    private AppPreferences() {
    }

    /** The store for a new main window. */
    public static Preferences forNewWindow() {
        if ("memory".equals(System.getProperty(PROPERTY))) {
            return new InMemory(null, "");
        }
        return Preferences.userRoot().node("org/diffusionlab");
    }

    /** A preferences tree that lives as long as the object: nothing is written anywhere. */
    public static final class InMemory extends AbstractPreferences {
        private final Map<String, String> values = new HashMap<>();
        private final Map<String, InMemory> children = new HashMap<>();

        public InMemory(InMemory parent, String name) {
            super(parent, name);
        }

        @Override
        protected void putSpi(String key, String value) {
            values.put(key, value);
        }

        @Override
        protected String getSpi(String key) {
            return values.get(key);
        }

        @Override
        protected void removeSpi(String key) {
            values.remove(key);
        }

        @Override
        protected void removeNodeSpi() {
            values.clear();
        }

        @Override
        protected String[] keysSpi() {
            return values.keySet().toArray(String[]::new);
        }

        @Override
        protected String[] childrenNamesSpi() {
            return children.keySet().toArray(String[]::new);
        }

        @Override
        protected AbstractPreferences childSpi(String name) {
            return children.computeIfAbsent(name, n -> new InMemory(this, n));
        }

        @Override
        protected void syncSpi() {
        }

        @Override
        protected void flushSpi() {
        }
    }
}
