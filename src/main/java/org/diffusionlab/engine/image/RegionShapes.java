package org.diffusionlab.engine.image;

/**
 * The shapes of the flat patches in dead-leaves images, to put a number on "clean round disks" against "ragged
 * patches". An image is cut into regions of one grey level (4-connected neighbours within {@code tolerance} of each
 * other); each region that does not touch the border and covers at least {@code minArea} pixels is scored by its
 * compactness 4 pi A / P^2, with P counted in pixel edges. A digitised disk scores about pi^2 / 16 = 0.62 (its edge
 * is a staircase), an axis-aligned square pi/4 = 0.79, a ragged patch of the same area less. Occlusion cuts disks in
 * the data too, so a model's samples are compared with real images, not with a perfect disk.
 *
 * @param regionsPerImage  regions of any size per image
 * @param flatFraction     the fraction of pixels in regions of at least minArea pixels
 * @param shapes           interior regions scored
 * @param meanCompactness  their mean compactness, and its standard error over regions
 */
public record RegionShapes(int images, double regionsPerImage, double flatFraction, int shapes, double meanArea,
                           double meanCompactness, double compactnessStandardError) {

    /** Neighbouring pixels closer in grey than this belong to one region (samples carry a little last-step noise). */
    public static final double TOLERANCE = 0.04;
    /** Smallest region whose shape is scored. */
    public static final int MIN_AREA = 9;

    public static RegionShapes of(float[][] images, int size) {
        return of(images, size, TOLERANCE, MIN_AREA);
    }

    public static RegionShapes of(float[][] images, int size, double tolerance, int minArea) {
        long regions = 0;
        long flatPixels = 0;
        int shapes = 0;
        double areaSum = 0;
        double cSum = 0;
        double cSumSq = 0;
        for (float[] img : images) {
            int[] label = regions(img, size, tolerance);
            int count = 0;
            for (int l : label) {
                count = Math.max(count, l + 1);
            }
            regions += count;
            int[] area = new int[count];
            int[] perimeter = new int[count];
            boolean[] touchesBorder = new boolean[count];
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int l = label[y * size + x];
                    area[l]++;
                    if (x == 0 || y == 0 || x == size - 1 || y == size - 1) {
                        touchesBorder[l] = true;
                    }
                    perimeter[l] += edge(label, size, x, y, x - 1, y) + edge(label, size, x, y, x + 1, y)
                            + edge(label, size, x, y, x, y - 1) + edge(label, size, x, y, x, y + 1);
                }
            }
            for (int l = 0; l < count; l++) {
                if (area[l] >= minArea) {
                    flatPixels += area[l];
                    if (!touchesBorder[l]) {
                        double c = 4 * Math.PI * area[l] / ((double) perimeter[l] * perimeter[l]);
                        shapes++;
                        areaSum += area[l];
                        cSum += c;
                        cSumSq += c * c;
                    }
                }
            }
        }
        int n = images.length;
        double mean = shapes > 0 ? cSum / shapes : Double.NaN;
        double se = shapes > 1 ? Math.sqrt(Math.max(0, cSumSq / shapes - mean * mean) / (shapes - 1)) : Double.NaN;
        return new RegionShapes(n, (double) regions / n, (double) flatPixels / ((long) n * size * size), shapes,
                shapes > 0 ? areaSum / shapes : Double.NaN, mean, se);
    }

    /** 1 when (x2, y2) lies outside the image or in another region than (x, y): one pixel edge of the perimeter. */
    private static int edge(int[] label, int size, int x, int y, int x2, int y2) {
        if (x2 < 0 || y2 < 0 || x2 >= size || y2 >= size) {
            return 1;
        }
        return label[y2 * size + x2] != label[y * size + x] ? 1 : 0;
    }

    /** Region labels 0..k-1 (union-find over 4-connected neighbours within the tolerance), numbered in scan order. */
    static int[] regions(float[] img, int size, double tolerance) {
        int[] parent = new int[img.length];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                if (x + 1 < size && Math.abs(img[i] - img[i + 1]) <= tolerance) {
                    union(parent, i, i + 1);
                }
                if (y + 1 < size && Math.abs(img[i] - img[i + size]) <= tolerance) {
                    union(parent, i, i + size);
                }
            }
        }
        int[] label = new int[img.length];
        int[] number = new int[img.length];
        java.util.Arrays.fill(number, -1);
        int next = 0;
        for (int i = 0; i < img.length; i++) {
            int root = find(parent, i);
            if (number[root] < 0) {
                number[root] = next++;
            }
            label[i] = number[root];
        }
        return label;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
