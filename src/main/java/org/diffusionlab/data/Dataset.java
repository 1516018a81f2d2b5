package org.diffusionlab.data;

/** A source of continuous training data in the model's standardised space. */
public interface Dataset {

    /** A short name, as typed on the command line ("swissroll"). */
    String name();

    /** Dimensions of one data point. */
    int dims();

    /** n fresh points, deterministic for a seed, shape [n][dims]. */
    double[][] sample(int n, long seed);
}
