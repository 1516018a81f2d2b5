package org.diffusionlab.app.trajectory;

/**
 * The one-standard-deviation ellipse of a 2x2 covariance [[varX, cov], [cov, varY]]: its semi-axes are the square
 * roots of the eigenvalues, and the major axis points along the leading eigenvector.
 *
 * @param major semi-major axis (data units)
 * @param minor semi-minor axis (data units)
 * @param angle direction of the major axis, radians anticlockwise from the x axis, in (-pi/2, pi/2]
 */
public record CovarianceEllipse(double major, double minor, double angle) {

    public static CovarianceEllipse of(double varX, double varY, double cov) {
        double mean = 0.5 * (varX + varY);
        double radius = Math.hypot(0.5 * (varX - varY), cov);
        // rounding can push the smaller eigenvalue of a nearly singular matrix a hair below zero
        return new CovarianceEllipse(Math.sqrt(Math.max(0, mean + radius)), Math.sqrt(Math.max(0, mean - radius)),
                0.5 * Math.atan2(2 * cov, varX - varY));
    }

    /** The point of the ellipse at parameter {@code phi} (0..2 pi), relative to its centre, in data units. */
    public double[] point(double phi) {
        double a = major * Math.cos(phi);
        double b = minor * Math.sin(phi);
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new double[] {a * c - b * s, a * s + b * c};
    }
}
