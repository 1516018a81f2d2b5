package org.diffusionlab.app.binary;

import org.diffusionlab.app.ui.PointRaster;
import org.diffusionlab.engine.binomial.BinaryTrajectory;

/**
 * Draws one frame of a {@link BinaryTrajectory} into a pixel buffer: rows are sequences, columns are bins, a 1 is a
 * filled cell and a 0 an empty one; the columns of fixed bins are tinted; with marks, each row ends in a tick (a true
 * heartbeat agreeing with the fixed bins) or a cross, and where rows are too thin for a glyph in a full-width bar
 * (correct) or a short one (not), so the mark never relies on colour alone. Plain integer arithmetic (512 x 20 cells
 * in about a millisecond) and no JavaFX node: exports draw on a background thread.
 */
public final class RasterRenderer {

    /** Colours (opaque ARGB). */
    public record Style(int background, int empty, int one, int grid, int fixedEmpty, int fixedOne, int good,
                        int bad) {
    }

    /**
     * Where cells lie in a raster of a given width: bin i spans [x0 + i cell, x0 + (i + 1) cell); the marks
     * [markX, markX + markWidth).
     */
    public record Geometry(int x0, int cell, int markX, int markWidth) {
        public double binCentre(int bin) {
            return x0 + (bin + 0.5) * cell;
        }
    }

    /** Widest and tallest cell drawn. */
    static final int MAX_CELL = 30;
    static final int MAX_ROW = 16;
    static final int MARK = 18;
    static final int MARK_GAP = 6;
    /** Rows at least this tall get a tick or cross; thinner ones a long or short bar. */
    static final int GLYPH_ROW = 14;

    private RasterRenderer() {
    }

    /** The horizontal layout of a raster {@code width} pixels wide; the same with or without marks (so two align). */
    public static Geometry geometry(double width, int bins) {
        int w = (int) Math.floor(width);
        int cell = Math.max(1, Math.min(MAX_CELL, (w - MARK_GAP - MARK - 2) / bins));
        int total = cell * bins + MARK_GAP + MARK;
        int x0 = Math.max(0, (w - total) / 2);
        return new Geometry(x0, cell, x0 + cell * bins + MARK_GAP, MARK);
    }

    /** The height in pixels of the rows drawn in a raster {@code height} pixels high (rows never taller than MAX_ROW). */
    public static int rowsHeight(int height, int rows) {
        return Math.min(height, rows * MAX_ROW);
    }

    /** The first pixel row of sequence {@code row} (rows share the height as evenly as whole pixels allow). */
    public static int rowTop(int row, int rows, int rowsHeight) {
        return (int) (((long) row * rowsHeight + rows - 1) / rows);
    }

    /**
     * Draws frame t of {@code tr} into {@code raster}.
     *
     * @param fixed   per bin -1 free, 0 or 1 fixed (columns to tint); may be null
     * @param correct per row whether it is correct (marks drawn), or null for no marks
     */
    public static void render(PointRaster raster, BinaryTrajectory tr, int t, int[] fixed, boolean[] correct,
                              Style style) {
        raster.fill(style.background());
        int bins = tr.bins();
        int rows = tr.rows();
        Geometry g = geometry(raster.width(), bins);
        int rowsHeight = rowsHeight(raster.height(), rows);
        int[] px = raster.pixels();
        int width = raster.width();
        boolean vGrid = g.cell() >= 5;
        boolean hGrid = rowsHeight >= 5 * rows;
        int[] emptyColour = new int[bins];
        int[] oneColour = new int[bins];
        for (int b = 0; b < bins; b++) {
            boolean f = fixed != null && fixed[b] != -1;
            emptyColour[b] = f ? style.fixedEmpty() : style.empty();
            oneColour[b] = f ? style.fixedOne() : style.one();
        }
        int previous = -1;
        for (int y = 0; y < rowsHeight; y++) {
            int r = (int) ((long) y * rows / rowsHeight);
            boolean top = r != previous;
            previous = r;
            int line = y * width;
            if (hGrid && top) {
                java.util.Arrays.fill(px, line + g.x0(), line + g.x0() + bins * g.cell() + 1, style.grid());
                continue;
            }
            for (int b = 0; b < bins; b++) {
                int x = line + g.x0() + b * g.cell();
                int colour = tr.value(t, r, b) == 1 ? oneColour[b] : emptyColour[b];
                if (vGrid) {
                    px[x] = style.grid();
                    java.util.Arrays.fill(px, x + 1, x + g.cell(), colour);
                } else {
                    java.util.Arrays.fill(px, x, x + g.cell(), colour);
                }
            }
            if (vGrid) {
                px[line + g.x0() + bins * g.cell()] = style.grid();
            }
        }
        if (hGrid && rowsHeight < raster.height()) {
            int line = rowsHeight * width;
            java.util.Arrays.fill(px, line + g.x0(), line + g.x0() + bins * g.cell() + 1, style.grid());
        }
        if (correct != null) {
            drawMarks(raster, g, rows, rowsHeight, correct, style);
        }
    }

    private static void drawMarks(PointRaster raster, Geometry g, int rows, int rowsHeight, boolean[] correct,
                                  Style style) {
        int mx = g.markX();
        int mw = g.markWidth();
        for (int r = 0; r < rows; r++) {
            int y0 = rowTop(r, rows, rowsHeight);
            int y1 = rowTop(r + 1, rows, rowsHeight);
            int h = y1 - y0;
            if (h <= 0) {
                continue;
            }
            if (h >= GLYPH_ROW) {
                double top = y0 + 2.5;
                double bottom = y1 - 2.5;
                if (correct[r]) {
                    double mid = (top + bottom) / 2 + 1;
                    raster.line(mx + 2, mid, mx + 6, bottom, 2, style.good());
                    raster.line(mx + 6, bottom, mx + mw - 2, top, 2, style.good());
                } else {
                    double left = mx + (mw - (bottom - top)) / 2;
                    double right = left + (bottom - top);
                    raster.line(left, top, right, bottom, 2, style.bad());
                    raster.line(left, bottom, right, top, 2, style.bad());
                }
            } else {
                int bottom = h >= 3 ? y1 - 1 : y1;
                if (correct[r]) {
                    raster.fillRect(mx, y0, mx + mw, bottom, style.good());
                } else {
                    raster.fillRect(mx, y0, mx + mw / 3, bottom, style.bad());
                }
            }
        }
    }

    /** Whether each reverse row at t is correct (for the marks). */
    public static boolean[] correctRows(BinaryFrames f, int t) {
        boolean[] out = new boolean[f.rows()];
        int[] fixed = f.fixed();
        for (int r = 0; r < out.length; r++) {
            out[r] = BinaryFrames.isCorrect(f.reverse().sequence(t, r), fixed);
        }
        return out;
    }
}
