package org.diffusionlab.engine.gaussian;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.diffusionlab.data.SwissRoll;
import org.diffusionlab.engine.schedule.BetaSchedule;

/**
 * The bound K that the best possible Gaussian reverse kernel reaches on the swiss roll for a given schedule: what no
 * network of the paper's kind (a diagonal Gaussian p(x_{t-1}|x_t) per step, the first step fixed) can beat, however
 * large or well trained.
 *
 * <p>For each step the KL term of K is smallest when p(x_{t-1}|x_t) matches the moments of q(x_{t-1}|x_t): mean
 * E[mu~ | x_t] and, per dimension, variance beta~_t + c0_t^2 Var[x0_d | x_t] (c0_t the posterior's coefficient of x_0).
 * The expected KL is then exactly 1/2 sum_d E_{x_t} ln(1 + c0_t^2 Var[x0_d | x_t] / beta~_t), and K is the
 * entropy terms minus the sum of these over t = 2..T. The roll is a one-parameter family of Gaussians, so the
 * posterior moments of x_0 given x_t are integrals over the curve parameter u, done by the midpoint rule on a grid
 * fine enough for each step's noise (8 points per standard deviation), skipping grid blocks too far to matter. The
 * expectation over x_t is Monte Carlo: {@code points} data points, one x_t each per step, with its standard error.
 *
 * <p>For comparison the same pass gives the bound of the best <em>full-covariance</em> Gaussian kernel (not the paper's
 * form): 1/2 ln det(I + c0_t^2 Cov[x0 | x_t] / beta~_t) per step. On the thin roll the posterior spread lies along the
 * curve, which a diagonal variance cannot follow, so the two differ by a quarter of a bit and more.
 */
public final class OptimalKernelBound {

    /** Grid points per posterior standard deviation along the curve. */
    private static final int POINTS_PER_WIDTH = 8;
    private static final int MIN_GRID = 2_000;
    private static final int MAX_GRID = 4_000_000;
    /** Grid terms whose log weight is this far below the largest are skipped (relative mass below e^-40 each). */
    private static final double MARGIN_NATS = 40;

    /**
     * @param kBits         K of the moment-matched kernel, bits per point
     * @param kSeBits       its Monte-Carlo standard error, bits
     * @param perStepKlBits index t in 0..T: the smallest possible expected KL at step t, bits (0 for t < 2)
     * @param fullCovarianceKBits the same bound for the best full-covariance Gaussian kernel (not the paper's form)
     * @param perStepFullKlBits   index t in 0..T: that kernel's expected KL at step t, bits (0 for t < 2)
     */
    public record Result(double kBits, double kSeBits, double[] perStepKlBits, double fullCovarianceKBits,
                         double[] perStepFullKlBits) {
    }

    private OptimalKernelBound() {
    }

    /**
     * The optimal kernel's bound for {@code roll} under {@code schedule} on the points {@code x0} (drawn from the roll),
     * with one forward sample x_t per point and step from the stream of {@code seed}.
     */
    public static Result compute(SwissRoll roll, BetaSchedule schedule, double[][] x0, long seed) {
        int points = x0.length;
        if (points < 2) {
            throw new IllegalArgumentException("Need at least 2 points, got " + points);
        }
        int steps = schedule.steps();
        SplittableRandom noise = new SplittableRandom(seed ^ 0x6A09E667F3BCC909L);
        double[][][] eps = new double[steps + 1][points][2];
        for (int t = 2; t <= steps; t++) {
            for (int i = 0; i < points; i++) {
                eps[t][i][0] = gaussian(noise);
                eps[t][i][1] = gaussian(noise);
            }
        }
        double[] perPointKl = new double[points];          // nats, summed over t
        double[] perStep = new double[steps + 1];
        double[] perStepFull = new double[steps + 1];
        double fullKl = 0;                                  // nats, mean over points, summed over t
        for (int t = 2; t <= steps; t++) {
            final int step = t;
            CurveGrid grid = new CurveGrid(roll, schedule.abar(t));
            double c0 = schedule.posteriorCoefX0(t);
            double vPost = schedule.posteriorVariance(t);
            double sa = Math.sqrt(schedule.abar(t));
            double sd = Math.sqrt(1 - schedule.abar(t));
            double[] kl = new double[points];
            double[] klFull = new double[points];
            IntStream.range(0, points).parallel().forEach(i -> {
                double[] xt = {sa * x0[i][0] + sd * eps[step][i][0], sa * x0[i][1] + sd * eps[step][i][1]};
                double[] cov = grid.posteriorCovariance(xt);
                double a = c0 * c0 / vPost;
                kl[i] = 0.5 * (Math.log1p(a * cov[0]) + Math.log1p(a * cov[1]));
                klFull[i] = 0.5 * Math.log((1 + a * cov[0]) * (1 + a * cov[1]) - a * a * cov[2] * cov[2]);
            });
            double sum = 0;
            double sumFull = 0;
            for (int i = 0; i < points; i++) {
                sum += kl[i];
                perPointKl[i] += kl[i];
                sumFull += klFull[i];
            }
            fullKl += sumFull / points;
            perStep[t] = GaussianMath.toBits(sum / points);
            perStepFull[t] = GaussianMath.toBits(sumFull / points);
        }
        double entropy = GaussianBound.entropyTerms(schedule, 2);
        double mean = 0;
        for (double v : perPointKl) {
            mean += (entropy - v) / points;
        }
        double sq = 0;
        for (double v : perPointKl) {
            sq += (entropy - v - mean) * (entropy - v - mean);
        }
        double se = Math.sqrt(sq / (points - 1) / points);
        return new Result(GaussianMath.toBits(mean), GaussianMath.toBits(se), perStep,
                GaussianMath.toBits(entropy - fullKl), perStepFull);
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller; one of the pair is enough here.
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * The curve at step t: x_t given the curve parameter u is Gaussian, mean sqrt(abar) m(u), variance per dimension
     * s_d^2 = 1 - abar + abar sigma_d^2 (sigma_d the data's noise); x_0 given u and x_t is Gaussian too.
     */
    static final class CurveGrid {
        private final int size;
        private final double[] mx;
        private final double[] my;          // curve means m(u) (x_0 units)
        private final double[] invS;        // 1 / s_d
        private final double sa;
        private final double[] gain;        // sqrt(abar) sigma_d^2 / s_d^2: E[x0_d | u, x_t] = m_d + gain_d (x_t - sqrt(abar) m_d)
        private final double[] condVar;     // Var[x0_d | u, x_t] = sigma_d^2 (1 - abar sigma_d^2 / s_d^2)
        private final int blockLength;
        private final int blocks;
        private final double[] radius;      // whitened radius of each block around its middle point

        CurveGrid(SwissRoll roll, double abar) {
            this.sa = Math.sqrt(abar);
            double[] s2 = new double[2];
            invS = new double[2];
            gain = new double[2];
            condVar = new double[2];
            for (int d = 0; d < 2; d++) {
                double sigma2 = roll.noiseStdScaled(d) * roll.noiseStdScaled(d);
                s2[d] = 1 - abar + abar * sigma2;
                invS[d] = 1 / Math.sqrt(s2[d]);
                gain[d] = sa * sigma2 / s2[d];
                condVar[d] = sigma2 * (1 - abar * sigma2 / s2[d]);
            }
            double[] speed = roll.curveSpeedBoundScaled();
            double whitened = Math.sqrt(abar * (speed[0] * speed[0] / s2[0] + speed[1] * speed[1] / s2[1]));
            double needed = Math.ceil(POINTS_PER_WIDTH * whitened);
            if (needed > MAX_GRID) {
                throw new IllegalArgumentException("Step noise too small for the quadrature: needs " + (long) needed
                        + " grid points, more than " + MAX_GRID);
            }
            size = Math.max(MIN_GRID, (int) needed);
            mx = new double[size];
            my = new double[size];
            for (int j = 0; j < size; j++) {
                double[] m = roll.curvePoint((j + 0.5) / size);
                mx[j] = m[0];
                my[j] = m[1];
            }
            blockLength = Math.max(8, (int) Math.sqrt(size));
            blocks = (size + blockLength - 1) / blockLength;
            radius = new double[blocks];
            for (int b = 0; b < blocks; b++) {
                int mid = middle(b);
                double largest = 0;
                for (int j = b * blockLength; j < Math.min(size, (b + 1) * blockLength); j++) {
                    largest = Math.max(largest, whitenedSq(mx[j] - mx[mid], my[j] - my[mid]));
                }
                radius[b] = Math.sqrt(largest);
            }
        }

        private int middle(int b) {
            return (b * blockLength + Math.min(size, (b + 1) * blockLength)) / 2;
        }

        private double whitenedSq(double dx, double dy) {
            double a = sa * dx * invS[0];
            double c = sa * dy * invS[1];
            return a * a + c * c;
        }

        /** {Var[x0_0 | x_t], Var[x0_1 | x_t], Cov[x0_0, x0_1 | x_t]} (the data's noise is independent per dimension). */
        double[] posteriorCovariance(double[] xt) {
            double[] anchorDist = new double[blocks];
            double nearest = Double.POSITIVE_INFINITY;
            for (int b = 0; b < blocks; b++) {
                int mid = middle(b);
                anchorDist[b] = Math.sqrt(distSq(xt, mid));
                nearest = Math.min(nearest, anchorDist[b]);
            }
            double keep = nearest * nearest + 2 * MARGIN_NATS;
            // Two passes: the smallest squared distance first (for a stable exp), then the weighted moments.
            double smallest = Double.POSITIVE_INFINITY;
            for (int b = 0; b < blocks; b++) {
                if (far(anchorDist[b], b, keep)) {
                    continue;
                }
                for (int j = b * blockLength; j < Math.min(size, (b + 1) * blockLength); j++) {
                    smallest = Math.min(smallest, distSq(xt, j));
                }
            }
            double w = 0;
            double[] m1 = new double[2];
            double[] m2 = new double[2];
            double mxy = 0;
            for (int b = 0; b < blocks; b++) {
                if (far(anchorDist[b], b, keep)) {
                    continue;
                }
                for (int j = b * blockLength; j < Math.min(size, (b + 1) * blockLength); j++) {
                    double q = distSq(xt, j) - smallest;
                    if (q > 2 * MARGIN_NATS) {
                        continue;
                    }
                    double wj = Math.exp(-0.5 * q);
                    double ex = mx[j] + gain[0] * (xt[0] - sa * mx[j]);
                    double ey = my[j] + gain[1] * (xt[1] - sa * my[j]);
                    w += wj;
                    m1[0] += wj * ex;
                    m1[1] += wj * ey;
                    m2[0] += wj * ex * ex;
                    m2[1] += wj * ey * ey;
                    mxy += wj * ex * ey;
                }
            }
            double[] cov = new double[3];
            for (int d = 0; d < 2; d++) {
                double mean = m1[d] / w;
                cov[d] = Math.max(0, m2[d] / w - mean * mean) + condVar[d];
            }
            cov[2] = mxy / w - (m1[0] / w) * (m1[1] / w);
            return cov;
        }

        private boolean far(double anchorDist, int b, double keep) {
            double gap = anchorDist - radius[b];
            return gap > 0 && gap * gap > keep;
        }

        private double distSq(double[] xt, int j) {
            double a = (xt[0] - sa * mx[j]) * invS[0];
            double c = (xt[1] - sa * my[j]) * invS[1];
            return a * a + c * c;
        }
    }
}
