package org.diffusionlab.engine.binomial;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.diffusionlab.engine.model.FlatParameters;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The reverse network of binomial diffusion, on ND4J with hand-derived back-propagation (checked against finite
 * differences in the tests). Each row is one sequence x_t at its own step t; the output is one number z per bin (see
 * {@link Parameterisation}).
 *
 * <p>Time enters through J smooth temporal bump functions g_j(t) (normalised Gaussians, evenly spaced in the log of
 * the process's evidence weight, which spreads them where the kernel changes) in three places, all starting neutral:
 * <ul>
 *   <li>the input u = 2 x_t - 1 is scaled by s(t) = evidence(t) exp(sum_j g_j(t) sigma_j), so the first layer sees
 *       the log-likelihood a bin carries about x_0 (huge near t = 1, none at t = T);</li>
 *   <li>the first layer gets a bias sum_j g_j(t) B_j;</li>
 *   <li>the readout is z = sum_j g_j(t) (h W_j + c_j), starting at zero.</li>
 * </ul>
 * The paper's network instead gave each of its 2000 steps its own readout; each then sees a fraction of a sample per
 * batch and learns slowly. Matrix products go through {@code Nd4j.gemm}; the small mixing over bumps is done in Java.
 */
public final class BinomialNetwork {

    private final BinomialArchitecture architecture;
    private final BinomialProcess process;
    private final int bins;
    private final FlatParameters params;
    private final double[][] bumpTable;   // [t][j]

    /** Activations kept from a forward pass for the backward pass. */
    public static final class Forward {
        final int rows;
        final int[] steps;
        INDArray input;                 // [N, bins], u = 2 x - 1
        INDArray bumps;                 // [N, J]
        INDArray scale;                 // [N, 1], s(t)
        INDArray projected;             // [N, H1], u W (before scaling)
        final List<INDArray> out = new ArrayList<>();   // activations per hidden layer [N, H]
        double[] z;                     // [N * bins]

        Forward(int rows, int[] steps) {
            this.rows = rows;
            this.steps = steps;
        }

        /** The output, row-major [N * bins]. */
        public double[] z() {
            return z;
        }
    }

    public BinomialNetwork(BinomialArchitecture architecture, BinomialProcess process, int bins, FlatParameters params) {
        this.architecture = architecture;
        this.process = process;
        this.bins = bins;
        this.params = params;
        this.bumpTable = bumpTable(process, architecture.bumps());
    }

    /** A fresh network: scaled Gaussian hidden weights, every time-dependent part neutral and a zero readout. */
    public static BinomialNetwork initialise(BinomialArchitecture arch, BinomialProcess process, int bins, long seed,
                                             DataType type) {
        FlatParameters p = layout(arch, bins).build(type);
        Random rng = new Random(seed);
        fillGaussian(p.get("in.W"), rng, 1.0 / Math.sqrt(bins));
        for (int l = 1; l < arch.layers(); l++) {
            fillGaussian(p.get("l" + l + ".W"), rng, (arch.activation() == BinomialArchitecture.Activation.SIGMOID ? 4.0 : 1.0)
                    / Math.sqrt(arch.width(l - 1)));
        }
        return new BinomialNetwork(arch, process, bins, p);
    }

    /** The parameter layout of an architecture. */
    public static FlatParameters.Builder layout(BinomialArchitecture arch, int bins) {
        int j = arch.bumps();
        FlatParameters.Builder b = new FlatParameters.Builder()
                .add("in.W", bins, arch.width(0)).add("in.b", 1, arch.width(0))
                .add("time.logScale", j, 1).add("time.bias", j, arch.width(0));
        for (int l = 1; l < arch.layers(); l++) {
            b.add("l" + l + ".W", arch.width(l - 1), arch.width(l)).add("l" + l + ".b", 1, arch.width(l));
        }
        int top = arch.width(arch.layers() - 1);
        return b.add("out.W", top, (long) j * bins).add("out.b", j, bins);
    }

    /** g_j(t) for t = 0..T (row t), normalised to sum 1; computed in the log domain so no row underflows. */
    static double[][] bumpTable(BinomialProcess process, int count) {
        int steps = process.steps();
        double lo = Math.log(process.evidence(Math.max(1, steps - 1)));
        double hi = Math.log(process.evidence(1));
        double spacing = count > 1 ? (hi - lo) / (count - 1) : Math.max(1e-9, hi - lo);
        double[][] g = new double[steps + 1][count];
        for (int t = 0; t <= steps; t++) {
            double tau = Math.log(Math.max(process.evidence(Math.max(t, 1)), 1e-300));
            double max = Double.NEGATIVE_INFINITY;
            double[] logs = new double[count];
            for (int k = 0; k < count; k++) {
                double centre = count > 1 ? lo + k * spacing : lo;
                double d = (tau - centre) / spacing;
                logs[k] = -0.5 * d * d;
                max = Math.max(max, logs[k]);
            }
            double sum = 0;
            for (int k = 0; k < count; k++) {
                g[t][k] = Math.exp(logs[k] - max);
                sum += g[t][k];
            }
            for (int k = 0; k < count; k++) {
                g[t][k] /= sum;
            }
        }
        return g;
    }

    private static void fillGaussian(INDArray target, Random rng, double std) {
        double[] v = new double[(int) target.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian() * std;
        }
        target.assign(Nd4j.createFromArray(v).castTo(target.dataType()).reshape(target.shape()));
    }

    public BinomialArchitecture architecture() {
        return architecture;
    }

    public BinomialProcess process() {
        return process;
    }

    public int bins() {
        return bins;
    }

    public FlatParameters parameters() {
        return params;
    }

    public DataType dataType() {
        return params.dataType();
    }

    /** A network sharing no arrays with this one. */
    public BinomialNetwork copy() {
        return new BinomialNetwork(architecture, process, bins, params.copy());
    }

    /** The bump weights g_j(t) (a copy). */
    public double[] bumps(int t) {
        return bumpTable[t].clone();
    }

    /**
     * Runs the network on rows of x_t ({@code x} row-major [N * bins] of 0/1), row n at step {@code steps[n]}.
     */
    public Forward forward(byte[] x, int[] steps) {
        int n = steps.length;
        if (x.length != n * bins) {
            throw new IllegalArgumentException(x.length + " values are not " + n + " rows of " + bins + " bins");
        }
        int j = architecture.bumps();
        DataType type = params.dataType();
        double[] u = new double[n * bins];
        for (int i = 0; i < u.length; i++) {
            u[i] = 2 * x[i] - 1;
        }
        double[] g = new double[n * j];
        double[] evidence = new double[n];
        for (int r = 0; r < n; r++) {
            int t = steps[r];
            if (t < 1 || t > process.steps()) {
                throw new IllegalArgumentException("step " + t + " outside 1.." + process.steps());
            }
            System.arraycopy(bumpTable[t], 0, g, r * j, j);
            evidence[r] = process.evidence(t);
        }
        Forward f = new Forward(n, steps);
        f.input = Nd4j.createFromArray(u).castTo(type).reshape(n, bins);
        f.bumps = Nd4j.createFromArray(g).castTo(type).reshape(n, j);
        INDArray logScale = Nd4j.gemm(f.bumps, params.get("time.logScale"), false, false);          // [N, 1]
        f.scale = Transforms.exp(logScale, false).muli(Nd4j.createFromArray(evidence).castTo(type).reshape(n, 1));
        f.projected = Nd4j.gemm(f.input, params.get("in.W"), false, false);
        INDArray pre = f.projected.mulColumnVector(f.scale)
                .addiRowVector(params.get("in.b"))
                .addi(Nd4j.gemm(f.bumps, params.get("time.bias"), false, false));
        INDArray out = activate(pre);
        f.out.add(out);
        for (int l = 1; l < architecture.layers(); l++) {
            pre = Nd4j.gemm(out, params.get("l" + l + ".W"), false, false).addiRowVector(params.get("l" + l + ".b"));
            out = activate(pre);
            f.out.add(out);
        }
        f.z = sharedStep(steps) ? readoutAtOneStep(out, steps[0]) : readout(out, g, n);
        return f;
    }

    private static boolean sharedStep(int[] steps) {
        for (int s : steps) {
            if (s != steps[0]) {
                return false;
            }
        }
        return steps.length > 1;
    }

    /**
     * All rows at one t (sampling): mix the J readouts into one [H, bins] matrix first, J times less arithmetic than
     * {@link #readout}, same result up to rounding.
     */
    private double[] readoutAtOneStep(INDArray top, int t) {
        int j = architecture.bumps();
        int h = (int) top.size(1);
        DataType type = params.dataType();
        INDArray g = Nd4j.createFromArray(bumpTable[t]).castTo(type).reshape(1, j);
        INDArray perBump = params.get("out.W").reshape(h, j, bins).permute(1, 0, 2).dup('c').reshape(j, (long) h * bins);
        INDArray w = Nd4j.gemm(g, perBump, false, false).reshape(h, bins);
        INDArray c = Nd4j.gemm(g, params.get("out.b"), false, false);                                // [1, bins]
        return Nd4j.gemm(top, w, false, false).addiRowVector(c).data().asDouble();
    }

    /** z_r = sum_j g_j(t_r) (h_r W_j + c_j), rows at their own t. */
    private double[] readout(INDArray top, double[] g, int n) {
        int j = architecture.bumps();
        double[] y = Nd4j.gemm(top, params.get("out.W"), false, false).data().asDouble();            // [N, J * bins]
        double[] c = params.get("out.b").dup().data().asDouble();                                   // [J, bins]
        double[] z = new double[n * bins];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < j; k++) {
                double w = g[r * j + k];
                int yo = (r * j + k) * bins;
                for (int b = 0; b < bins; b++) {
                    z[r * bins + b] += w * (y[yo + b] + c[k * bins + b]);
                }
            }
        }
        return z;
    }

    private INDArray activate(INDArray pre) {
        return architecture.activation() == BinomialArchitecture.Activation.SIGMOID
                ? Transforms.sigmoid(pre, false) : Transforms.tanh(pre, false);
    }

    /** d out / d pre from the output alone (in place into {@code out}'s copy). */
    private INDArray derivative(INDArray out) {
        return architecture.activation() == BinomialArchitecture.Activation.SIGMOID
                ? out.rsub(1.0).muli(out) : out.mul(out).rsubi(1.0);
    }

    /**
     * Back-propagates {@code dz} (the loss gradient w.r.t. the output, row-major [N * bins]) through the pass
     * {@code f}, writing every parameter's gradient into {@code grad}.
     */
    public void backward(Forward f, double[] dz, FlatParameters grad) {
        int n = f.rows;
        int j = architecture.bumps();
        DataType type = params.dataType();
        double[] g = f.bumps.data().asDouble();
        double[] dy = new double[n * j * bins];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < j; k++) {
                double w = g[r * j + k];
                int yo = (r * j + k) * bins;
                for (int b = 0; b < bins; b++) {
                    dy[yo + b] = w * dz[r * bins + b];
                }
            }
        }
        INDArray dY = Nd4j.createFromArray(dy).castTo(type).reshape(n, (long) j * bins);
        INDArray dZ = Nd4j.createFromArray(dz).castTo(type).reshape(n, bins);
        int layers = architecture.layers();
        INDArray top = f.out.get(layers - 1);
        grad.get("out.W").assign(Nd4j.gemm(top, dY, true, false));
        grad.get("out.b").assign(Nd4j.gemm(f.bumps, dZ, true, false));
        INDArray dOut = Nd4j.gemm(dY, params.get("out.W"), false, true);
        for (int l = layers - 1; l >= 1; l--) {
            INDArray dPre = dOut.muli(derivative(f.out.get(l)));
            grad.get("l" + l + ".W").assign(Nd4j.gemm(f.out.get(l - 1), dPre, true, false));
            grad.get("l" + l + ".b").assign(dPre.sum(true, 0));
            dOut = Nd4j.gemm(dPre, params.get("l" + l + ".W"), false, true);
        }
        INDArray dPre = dOut.muli(derivative(f.out.get(0)));
        grad.get("in.b").assign(dPre.sum(true, 0));
        grad.get("time.bias").assign(Nd4j.gemm(f.bumps, dPre, true, false));
        // pre = s (u W) + ...: d s / d logScale = s
        INDArray dLogScale = dPre.mul(f.projected).sum(true, 1).muli(f.scale);                         // [N, 1]
        grad.get("time.logScale").assign(Nd4j.gemm(f.bumps, dLogScale, true, false));
        grad.get("in.W").assign(Nd4j.gemm(f.input, dPre.mulColumnVector(f.scale), true, false));
    }
}
