package org.diffusionlab.engine.image;

/**
 * How many of a set of images read as digits, as judged by a {@link DigitClassifier} trained on real digits: the
 * fraction it assigns to one class with probability at least {@link #CONFIDENT}, its mean top probability, and how the
 * images spread over the ten classes. The same figures for real test digits say what a perfect model would score; a
 * network trained only on digits can still be sure of a scribble, so the figure is a proxy, not a proof.
 *
 * @param classCounts       images whose most probable class is k (confident or not)
 * @param effectiveClasses  2 to the entropy (bits) of the class histogram: 10 when every class is drawn equally often
 */
public record DigitLegibility(int images, double confidentFraction, double meanTopProbability, int[] classCounts,
                              double effectiveClasses) {

    /** The top class probability from which an image counts as reading clearly as that digit. */
    public static final double CONFIDENT = 0.9;

    public static DigitLegibility of(DigitClassifier judge, float[][] images) {
        double[][] p = judge.probabilities(images);
        int confident = 0;
        double topSum = 0;
        int[] counts = new int[DigitClassifier.CLASSES];
        for (double[] row : p) {
            int k = DigitClassifier.argMax(row);
            counts[k]++;
            topSum += row[k];
            confident += row[k] >= CONFIDENT ? 1 : 0;
        }
        double entropyBits = 0;
        for (int c : counts) {
            if (c > 0) {
                double f = (double) c / p.length;
                entropyBits -= f * Math.log(f) / Math.log(2);
            }
        }
        return new DigitLegibility(p.length, (double) confident / p.length, topSum / p.length, counts.clone(),
                Math.pow(2, entropyBits));
    }

    /** The standard error of the confident fraction (binomial). */
    public double confidentStandardError() {
        return Math.sqrt(confidentFraction * (1 - confidentFraction) / images);
    }

    @Override
    public int[] classCounts() {
        return classCounts.clone();
    }
}
