package org.diffusionlab.app.inpaint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

/**
 * Which pixels of a square image the model is to fill (true = masked, to fill), with undo and redo. Plain Java, used
 * on the JavaFX thread only. Every edit (a whole brush stroke, a rectangle, invert, clear, a preset) is one undo step;
 * an edit that changes nothing leaves no step.
 */
public final class Mask {

    /** How many edits undo remembers. */
    static final int UNDO_LIMIT = 200;

    private final int size;
    private BitSet bits;
    private final Deque<BitSet> undo = new ArrayDeque<>();
    private final Deque<BitSet> redo = new ArrayDeque<>();
    private final List<Runnable> listeners = new ArrayList<>();
    /** The state before the stroke in progress, or null when no stroke is open. */
    private BitSet strokeStart;
    private double lastX;
    private double lastY;
    private boolean strokeValue;
    private double strokeRadius;

    public Mask(int size) {
        if (size < 1 || size > 1024) {
            throw new IllegalArgumentException("Mask side must be 1 to 1024 pixels, got " + size);
        }
        this.size = size;
        this.bits = new BitSet(size * size);
    }

    public int size() {
        return size;
    }

    /** Whether pixel (x, y) is masked (to fill); false outside the image. */
    public boolean get(int x, int y) {
        return x >= 0 && y >= 0 && x < size && y < size && bits.get(y * size + x);
    }

    /** The masked pixels, row-major (true = fill). */
    public boolean[] toArray() {
        boolean[] out = new boolean[size * size];
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            out[i] = true;
        }
        return out;
    }

    /** How many pixels are masked. */
    public int count() {
        return bits.cardinality();
    }

    public boolean isEmpty() {
        return bits.isEmpty();
    }

    /** Called after every change (edits, undo, redo). */
    public void addListener(Runnable r) {
        listeners.add(r);
    }

    public boolean canUndo() {
        return !undo.isEmpty() && strokeStart == null;
    }

    public boolean canRedo() {
        return !redo.isEmpty() && strokeStart == null;
    }

    // --------------------------------------------------------------------------------------------------------------
    // Brush strokes. Coordinates are in pixels (0..size), so pixel (i, j) spans [i, i + 1) x [j, j + 1).

    /**
     * Starts a stroke at (x, y): with {@code value} true the brush masks, false erases (the eraser). The brush of
     * diameter {@code diameter} pixels covers every pixel whose centre lies within diameter / 2 of the stroke's path,
     * and always the pixel under the pointer.
     */
    public void beginStroke(double x, double y, double diameter, boolean value) {
        if (strokeStart != null) {
            endStroke();
        }
        strokeStart = (BitSet) bits.clone();
        strokeValue = value;
        strokeRadius = Math.max(0, diameter / 2);
        lastX = x;
        lastY = y;
        paintSegment(x, y, x, y);
        changed();
    }

    /** Continues the open stroke in a straight line to (x, y). */
    public void strokeTo(double x, double y) {
        if (strokeStart == null) {
            return;
        }
        paintSegment(lastX, lastY, x, y);
        lastX = x;
        lastY = y;
        changed();
    }

    /** Ends the open stroke: one undo step if it changed anything. */
    public void endStroke() {
        if (strokeStart == null) {
            return;
        }
        BitSet before = strokeStart;
        strokeStart = null;
        if (!before.equals(bits)) {
            pushUndo(before);
        }
        changed();
    }

    public boolean strokeOpen() {
        return strokeStart != null;
    }

    private void paintSegment(double x0, double y0, double x1, double y1) {
        double r = strokeRadius;
        int minX = (int) Math.floor(Math.min(x0, x1) - r - 1);
        int maxX = (int) Math.ceil(Math.max(x0, x1) + r + 1);
        int minY = (int) Math.floor(Math.min(y0, y1) - r - 1);
        int maxY = (int) Math.ceil(Math.max(y0, y1) + r + 1);
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len2 = dx * dx + dy * dy;
        for (int j = Math.max(0, minY); j <= Math.min(size - 1, maxY); j++) {
            for (int i = Math.max(0, minX); i <= Math.min(size - 1, maxX); i++) {
                double cx = i + 0.5;
                double cy = j + 0.5;
                double s = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((cx - x0) * dx + (cy - y0) * dy) / len2));
                double ex = x0 + s * dx - cx;
                double ey = y0 + s * dy - cy;
                if (ex * ex + ey * ey <= r * r) {
                    bits.set(j * size + i, strokeValue);
                }
            }
        }
        // the pixels under the pointer at both ends, however small the brush
        setIfInside(x0, y0);
        setIfInside(x1, y1);
    }

    private void setIfInside(double x, double y) {
        int i = (int) Math.floor(x);
        int j = (int) Math.floor(y);
        if (i >= 0 && j >= 0 && i < size && j < size) {
            bits.set(j * size + i, strokeValue);
        }
    }

    // --------------------------------------------------------------------------------------------------------------
    // Whole-mask edits

    /** Masks ({@code value} true) or clears the rectangle between two pixels, both included, in any order. */
    public void rectangle(int xa, int ya, int xb, int yb, boolean value) {
        int x0 = Math.max(0, Math.min(xa, xb));
        int x1 = Math.min(size - 1, Math.max(xa, xb));
        int y0 = Math.max(0, Math.min(ya, yb));
        int y1 = Math.min(size - 1, Math.max(ya, yb));
        edit(b -> {
            for (int y = y0; y <= y1; y++) {
                b.set(y * size + x0, y * size + x1 + 1, value);
            }
        });
    }

    /** Masked pixels become known and known ones masked. */
    public void invert() {
        edit(b -> b.flip(0, size * size));
    }

    /** Nothing masked. */
    public void clear() {
        edit(BitSet::clear);
    }

    /**
     * The paper's bark figure: a centred square of side round(3/7 size) (12 of 28 pixels, the command line's example
     * hole), replacing the mask.
     */
    public void centreSquare() {
        int side = (int) Math.round(size * 3 / 7.0);
        int x0 = (size - side) / 2;
        edit(b -> {
            b.clear();
            for (int y = x0; y < x0 + side; y++) {
                b.set(y * size + x0, y * size + x0 + side);
            }
        });
    }

    /** The released code's figure: the left half (columns 0 .. size/2 - 1), replacing the mask. */
    public void leftHalf() {
        int half = size / 2;
        edit(b -> {
            b.clear();
            for (int y = 0; y < size; y++) {
                b.set(y * size, y * size + half);
            }
        });
    }

    /** Replaces the mask by these pixels (true = masked); one undo step. */
    public void set(boolean[] masked) {
        if (masked.length != size * size) {
            throw new IllegalArgumentException("Expected " + size * size + " pixels, got " + masked.length);
        }
        edit(b -> {
            b.clear();
            for (int i = 0; i < masked.length; i++) {
                if (masked[i]) {
                    b.set(i);
                }
            }
        });
    }

    public void undo() {
        if (!canUndo()) {
            return;
        }
        redo.push(bits);
        bits = undo.pop();
        changed();
    }

    public void redo() {
        if (!canRedo()) {
            return;
        }
        undo.push(bits);
        bits = redo.pop();
        changed();
    }

    private void edit(java.util.function.Consumer<BitSet> change) {
        endStroke();
        BitSet before = (BitSet) bits.clone();
        change.accept(bits);
        if (!before.equals(bits)) {
            pushUndo(before);
            changed();
        }
    }

    private void pushUndo(BitSet before) {
        undo.push(before);
        while (undo.size() > UNDO_LIMIT) {
            undo.removeLast();
        }
        redo.clear();
    }

    private void changed() {
        for (Runnable r : List.copyOf(listeners)) {
            r.run();
        }
    }
}
