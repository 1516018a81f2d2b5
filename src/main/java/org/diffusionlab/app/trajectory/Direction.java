package org.diffusionlab.app.trajectory;

/** Which process the large view shows: the forward process q, the learned reverse process p, or both side by side. */
public enum Direction {
    FORWARD("Forward q (data \u2192 noise)"),
    REVERSE("Reverse p (noise \u2192 data)"),
    BOTH("Both side by side");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    /** The processes this choice shows, left to right: both for BOTH, else itself. */
    public Direction[] processes() {
        return this == BOTH ? new Direction[] {FORWARD, REVERSE} : new Direction[] {this};
    }

    @Override
    public String toString() {
        return label;
    }
}
