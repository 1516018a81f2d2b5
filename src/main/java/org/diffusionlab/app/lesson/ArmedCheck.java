package org.diffusionlab.app.lesson;

import javafx.beans.value.ObservableBooleanValue;

/** A check watching the live state while its step shows; disarm it when the step is left. */
public interface ArmedCheck {

    ObservableBooleanValue met();

    void disarm();
}
