package org.diffusionlab.app;

import java.util.List;
import java.util.Optional;

import javafx.geometry.Rectangle2D;

/**
 * Where the main window opens: where it was last (when that is still on a screen, shrunk to fit it), otherwise
 * centred on the primary screen at a comfortable size that is never larger than the screen's visual bounds (the
 * screen less the task bar or dock).
 */
public final class WindowPlacement {

    /** The size the window would like on a large screen. */
    static final double PREFERRED_WIDTH = 1280;
    static final double PREFERRED_HEIGHT = 800;
    /** On a large screen (wider than LARGE_SCREEN_WIDTH logical pixels), the share of it the first window takes. */
    static final double SHARE_OF_LARGE_SCREEN = 0.75;
    static final double LARGE_SCREEN_WIDTH = 2400;
    /** How much of a remembered window must still be on a screen for it to open there again. */
    private static final double MIN_VISIBLE = 100;

    private WindowPlacement() {
    }

    /** The first window's bounds on a screen with these visual bounds. */
    public static Rectangle2D first(Rectangle2D visual) {
        double share = visual.getWidth() > LARGE_SCREEN_WIDTH ? SHARE_OF_LARGE_SCREEN : 0;
        double w = Math.min(visual.getWidth(), Math.max(PREFERRED_WIDTH, visual.getWidth() * share));
        double h = Math.min(visual.getHeight(), Math.max(PREFERRED_HEIGHT, visual.getHeight() * share));
        return new Rectangle2D(visual.getMinX() + (visual.getWidth() - w) / 2,
                visual.getMinY() + (visual.getHeight() - h) / 2, w, h);
    }

    /**
     * The window's bounds: the remembered ones where enough of them lies on one of the screens (fitted into that
     * screen), otherwise the first window's on the primary screen.
     */
    public static Rectangle2D place(Optional<Rectangle2D> remembered, List<Rectangle2D> screens, Rectangle2D primary) {
        if (remembered.isPresent()) {
            Rectangle2D r = remembered.get();
            for (Rectangle2D s : screens) {
                double overlapW = Math.min(r.getMaxX(), s.getMaxX()) - Math.max(r.getMinX(), s.getMinX());
                double overlapH = Math.min(r.getMaxY(), s.getMaxY()) - Math.max(r.getMinY(), s.getMinY());
                if (overlapW >= MIN_VISIBLE && overlapH >= MIN_VISIBLE) {
                    return fitInto(r, s);
                }
            }
        }
        return first(primary);
    }

    /** The bounds moved and shrunk as little as needed to lie within the screen. */
    static Rectangle2D fitInto(Rectangle2D r, Rectangle2D screen) {
        double w = Math.min(r.getWidth(), screen.getWidth());
        double h = Math.min(r.getHeight(), screen.getHeight());
        double x = Math.max(screen.getMinX(), Math.min(r.getMinX(), screen.getMaxX() - w));
        double y = Math.max(screen.getMinY(), Math.min(r.getMinY(), screen.getMaxY() - h));
        return new Rectangle2D(x, y, w, h);
    }
}
