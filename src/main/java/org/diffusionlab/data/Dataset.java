package org.diffusionlab.data;

/** A source of continuous training data in the model's standardised space. */
public interface Dataset {

    /**
     * Points together with where each lies on the data: a colour coordinate in {@code [0, 1]} (the swiss roll's
     * unrolled angle, a moon's arc position, a mixture's component, the ring's angle, the drawing order of user data),
     * or NaN where a data set has none. Panes colour points by it.
     *
     * @param points {@code [n][dims]} points in standardised coordinates
     * @param colour {@code [n]} colour coordinates
     */
    record Coloured(double[][] points, double[] colour) {
        public Coloured {
            if (points.length != colour.length) {
                throw new IllegalArgumentException(points.length + " points but " + colour.length + " colours");
            }
        }

        public int size() {
            return colour.length;
        }
    }

    /** A short name, as typed on the command line ("swissroll"). */
    String name();

    /** Dimensions of one data point. */
    int dims();

    /** n fresh points, deterministic for a seed, shape [n][dims]. */
    double[][] sample(int n, long seed);

    /**
     * The same points as {@link #sample(int, long)} for the same arguments, with their colour coordinates. A data set
     * without a natural order answers NaN colours (drawn in one ink).
     */
    default Coloured sampleColoured(int n, long seed) {
        double[][] points = sample(n, seed);
        double[] colour = new double[points.length];
        java.util.Arrays.fill(colour, Double.NaN);
        return new Coloured(points, colour);
    }
}
