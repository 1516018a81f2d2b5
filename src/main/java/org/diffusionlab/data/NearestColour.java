package org.diffusionlab.data;

/**
 * Colours points by the colour coordinate of the nearest point of a coloured reference sample of the data: how the
 * Trajectory pane colours reverse samples "by where they end". Nearest neighbours are found through a uniform grid of
 * buckets, searched in growing rings, so a lookup costs about the points of a few buckets.
 */
public final class NearestColour {

    private final double minX;
    private final double minY;
    private final double cell;
    private final int cols;
    private final int rows;
    private final int[] start;     // bucket b holds order[start[b] .. start[b + 1])
    private final int[] order;
    private final double[] xs;
    private final double[] ys;
    private final double[] colours;

    public NearestColour(Dataset.Coloured reference) {
        int n = reference.size();
        if (n == 0) {
            throw new IllegalArgumentException("need at least one reference point");
        }
        xs = new double[n];
        ys = new double[n];
        colours = reference.colour().clone();
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            xs[i] = reference.points()[i][0];
            ys[i] = reference.points()[i][1];
            x0 = Math.min(x0, xs[i]);
            y0 = Math.min(y0, ys[i]);
            x1 = Math.max(x1, xs[i]);
            y1 = Math.max(y1, ys[i]);
        }
        // about two reference points per bucket
        double area = Math.max(1e-12, (x1 - x0) * (y1 - y0));
        cell = Math.max(1e-9, Math.sqrt(2 * area / n));
        minX = x0;
        minY = y0;
        cols = Math.max(1, (int) Math.ceil((x1 - x0) / cell) + 1);
        rows = Math.max(1, (int) Math.ceil((y1 - y0) / cell) + 1);
        int[] count = new int[cols * rows + 1];
        int[] bucket = new int[n];
        for (int i = 0; i < n; i++) {
            bucket[i] = bucketOf(col(xs[i]), row(ys[i]));
            count[bucket[i] + 1]++;
        }
        for (int b = 0; b < cols * rows; b++) {
            count[b + 1] += count[b];
        }
        start = count.clone();
        order = new int[n];
        int[] fill = count;
        for (int i = 0; i < n; i++) {
            order[fill[bucket[i]]++] = i;
        }
    }

    private int col(double x) {
        return Math.max(0, Math.min(cols - 1, (int) Math.floor((x - minX) / cell)));
    }

    private int row(double y) {
        return Math.max(0, Math.min(rows - 1, (int) Math.floor((y - minY) / cell)));
    }

    private int bucketOf(int c, int r) {
        return r * cols + c;
    }

    /** Squared distance from (x, y) to the box of bucket (c, r). */
    private double boxDistanceSquared(double x, double y, int c, int r) {
        double left = minX + c * cell;
        double bottom = minY + r * cell;
        double dx = Math.max(0, Math.max(left - x, x - (left + cell)));
        double dy = Math.max(0, Math.max(bottom - y, y - (bottom + cell)));
        return dx * dx + dy * dy;
    }

    /**
     * The colour of the reference point nearest to (x, y). Buckets are visited in square rings around the bucket
     * nearest the query; a ring's nearest box is never nearer than the previous ring's (the box distance grows with
     * the column and row offsets), so the search stops at the first ring whose boxes are all farther than the best.
     */
    public double colourAt(double x, double y) {
        int c0 = col(x);
        int r0 = row(y);
        double best = Double.POSITIVE_INFINITY;
        int bestIndex = -1;
        int maxRing = Math.max(cols, rows);
        for (int ring = 0; ring <= maxRing; ring++) {
            double ringNearest = Double.POSITIVE_INFINITY;
            for (int r = r0 - ring; r <= r0 + ring; r++) {
                if (r < 0 || r >= rows) {
                    continue;
                }
                boolean edgeRow = r == r0 - ring || r == r0 + ring;
                int step = edgeRow || ring == 0 ? 1 : 2 * ring;
                for (int c = c0 - ring; c <= c0 + ring; c += step) {
                    if (c < 0 || c >= cols) {
                        continue;
                    }
                    double box = boxDistanceSquared(x, y, c, r);
                    ringNearest = Math.min(ringNearest, box);
                    if (box >= best) {
                        continue;
                    }
                    int b = bucketOf(c, r);
                    for (int k = start[b]; k < start[b + 1]; k++) {
                        int i = order[k];
                        double dx = xs[i] - x;
                        double dy = ys[i] - y;
                        double dd = dx * dx + dy * dy;
                        if (dd < best) {
                            best = dd;
                            bestIndex = i;
                        }
                    }
                }
            }
            if (bestIndex >= 0 && ringNearest >= best) {
                break;
            }
        }
        return colours[bestIndex];
    }
}
