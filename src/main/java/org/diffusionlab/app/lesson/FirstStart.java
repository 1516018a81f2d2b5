package org.diffusionlab.app.lesson;

import java.util.Objects;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Remembers whether the welcome panel was dismissed, in a preferences node given to it (the app passes the user's;
 * tests pass a throwaway node).
 */
public final class FirstStart {

    static final String DISMISSED = "welcomeDismissed";

    private final Preferences prefs;

    public FirstStart(Preferences prefs) {
        this.prefs = Objects.requireNonNull(prefs);
    }

    public boolean welcomeWanted() {
        return !prefs.getBoolean(DISMISSED, false);
    }

    public void dismissWelcome() {
        prefs.putBoolean(DISMISSED, true);
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            // not written to disk: the panel shows again next time, nothing else is lost
        }
    }
}
