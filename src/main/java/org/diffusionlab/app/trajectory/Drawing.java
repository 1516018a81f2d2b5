package org.diffusionlab.app.trajectory;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import org.diffusionlab.data.UserData;

/**
 * The user's own data as drawn on the canvas: strokes in data coordinates, in drawing order (a click is a stroke of
 * one point). Lives on the FX thread; {@link #toUserData()} turns it into an immutable {@link UserData}.
 */
public final class Drawing {

    /** Strokes are resampled every this many data units (a hundredth of the view's width at EXTENT 3). */
    public static final double SPACING = 0.06;

    private final List<List<double[]>> strokes = new ArrayList<>();
    private final ReadOnlyIntegerWrapper points = new ReadOnlyIntegerWrapper(this, "points");
    private final ReadOnlyIntegerWrapper version = new ReadOnlyIntegerWrapper(this, "version");

    /** Starts a stroke at (x, y). */
    public void begin(double x, double y) {
        List<double[]> s = new ArrayList<>();
        s.add(new double[] {x, y});
        strokes.add(s);
        changed();
    }

    /** Continues the current stroke to (x, y). */
    public void extend(double x, double y) {
        if (strokes.isEmpty()) {
            begin(x, y);
            return;
        }
        strokes.get(strokes.size() - 1).add(new double[] {x, y});
        changed();
    }

    /** Removes the last stroke (or loaded point set). */
    public void undo() {
        if (!strokes.isEmpty()) {
            strokes.remove(strokes.size() - 1);
            changed();
        }
    }

    public void clear() {
        strokes.clear();
        changed();
    }

    /** Replaces the drawing with loaded points, each its own one-point stroke, in file order. */
    public void load(UserData data) {
        strokes.clear();
        for (double[] p : data.points()) {
            List<double[]> s = new ArrayList<>();
            s.add(p);
            strokes.add(s);
        }
        changed();
    }

    /** The strokes as arrays (copies). */
    public List<double[][]> strokes() {
        List<double[][]> out = new ArrayList<>();
        for (List<double[]> s : strokes) {
            out.add(s.stream().map(double[]::clone).toArray(double[][]::new));
        }
        return out;
    }

    public boolean isEmpty() {
        return strokes.isEmpty();
    }

    /** The drawing as user data (strokes resampled by arc length). */
    public UserData toUserData() {
        return UserData.fromStrokes(strokes(), SPACING);
    }

    /** How many data points the drawing makes now. */
    public ReadOnlyIntegerProperty pointsProperty() {
        return points.getReadOnlyProperty();
    }

    /** Changes with every edit (for redrawing). */
    public ReadOnlyIntegerProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    private void changed() {
        points.set(UserData.resample(strokes(), SPACING).length);
        version.set(version.get() + 1);
    }
}
