package org.diffusionlab.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The reverse-kernel network on ND4J with hand-derived back-propagation (checked against finite differences in the
 * tests). Input rows come in {@code blocks} equal blocks, block k holding points at step {@code firstStep + k}, so the
 * per-step parameters of a whole range of t are applied with one batched matrix multiply. Matrix products go through
 * {@code Nd4j.gemm} (straight to BLAS): in ND4J 1.0.0-M2.1 {@code INDArray.mmul} with a small inner dimension is
 * several times slower.
 *
 * <p>Output per row: 2d numbers, z_mu (first d) and z_Sigma (last d), which {@link KernelParameterisation} turns
 * into the mean and variance of p(x_{t-1} | x_t); a full-covariance network ({@link KernelForm#FULL}) adds one, z_c,
 * the covariance's off-diagonal factor. The width is read from the readout's parameters.
 */
public final class DiffusionMlp {

    private final MlpArchitecture architecture;
    private final int dims;
    private final int steps;
    private final FlatParameters params;
    private final int outputs;          // readout width: 2d, or 2d + 1 for a full covariance

    /** Activations kept from a forward pass for the backward pass. */
    public static final class Forward {
        final INDArray input;                  // [N, d]
        final int firstStep;
        final int blocks;
        final List<INDArray> pre = new ArrayList<>();   // pre-activations per hidden layer [N, H]
        final List<INDArray> out = new ArrayList<>();   // activations per hidden layer [N, H]
        INDArray rbfFeatures;                           // [N, d + 2] = [x, |x|^2, 1] for an RBF first layer
        INDArray rbfWeights;                            // [d + 2, H], see rbfWeights()
        INDArray localParts;                            // [blocks, B, 1 + d, 2d]: h W_0, h W_1, .. (locally linear readout)
        INDArray output;                                // [blocks, B, 2d]

        Forward(INDArray input, int firstStep, int blocks) {
            this.input = input;
            this.firstStep = firstStep;
            this.blocks = blocks;
        }

        /** The network output as [blocks, B, 2d]. */
        public INDArray output() {
            return output;
        }
    }

    public DiffusionMlp(MlpArchitecture architecture, int dims, int steps, FlatParameters params) {
        this.architecture = architecture;
        this.dims = dims;
        this.steps = steps;
        this.params = params;
        this.outputs = (int) params.get("out.b").size(2);
    }

    /** A freshly initialised network: scaled Gaussian lower weights and a zero readout. */
    public static DiffusionMlp initialise(MlpArchitecture arch, int dims, int steps, long seed, DataType type) {
        return initialise(arch, dims, steps, KernelForm.DIAGONAL, seed, type);
    }

    /** The same for a kernel form: a zero readout is the exact kernel of N(0, I) data in either form. */
    public static DiffusionMlp initialise(MlpArchitecture arch, int dims, int steps, KernelForm form, long seed,
                                          DataType type) {
        FlatParameters p = layout(arch, dims, steps, form).build(type);
        Random rng = new Random(seed);
        int h1 = arch.width(0);
        if (arch.firstLayer() == MlpArchitecture.FirstLayer.RBF) {
            fillGaussian(p.get("rbf.centres"), rng, 1.0);
            // width 0.5 in data units: precision 1 / (2 * 0.5^2) = 2
            p.get("rbf.logPrecision").assign(Math.log(2.0));
        } else {
            fillGaussian(p.get("l0.W"), rng, 1.0 / Math.sqrt(dims));
            fillGaussian(p.get("l0.b"), rng, 0.5);
        }
        for (int l = 1; l < arch.layers(); l++) {
            fillGaussian(p.get("l" + l + ".W"), rng, 1.0 / Math.sqrt(arch.width(l - 1)));
        }
        // A zero readout makes the untrained kernel the forward kernel's own reverse for N(0, I) data.
        return new DiffusionMlp(arch, dims, steps, p);
    }

    /** The parameter layout for an architecture (diagonal kernel). */
    public static FlatParameters.Builder layout(MlpArchitecture arch, int dims, int steps) {
        return layout(arch, dims, steps, KernelForm.DIAGONAL);
    }

    /** The parameter layout for an architecture and a kernel form (which sets the readout's width). */
    public static FlatParameters.Builder layout(MlpArchitecture arch, int dims, int steps, KernelForm form) {
        FlatParameters.Builder b = new FlatParameters.Builder();
        int h1 = arch.width(0);
        if (arch.firstLayer() == MlpArchitecture.FirstLayer.RBF) {
            b.add("rbf.centres", h1, dims).add("rbf.logPrecision", 1, h1);
        } else {
            b.add("l0.W", dims, h1).add("l0.b", 1, h1);
        }
        if (arch.perStepInputBias()) {
            b.add("l0.stepBias", steps, 1, h1);
        }
        for (int l = 1; l < arch.layers(); l++) {
            b.add("l" + l + ".W", arch.width(l - 1), arch.width(l)).add("l" + l + ".b", 1, arch.width(l));
        }
        int top = arch.readoutWidth(dims);
        int outputs = form.outputs(dims);
        b.add("out.W", steps, top, outputs).add("out.b", steps, 1, outputs);
        return b;
    }

    private static void fillGaussian(INDArray target, Random rng, double std) {
        double[] v = new double[(int) target.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian() * std;
        }
        target.assign(Nd4j.createFromArray(v).castTo(target.dataType()).reshape(target.shape()));
    }

    public MlpArchitecture architecture() {
        return architecture;
    }

    public int dims() {
        return dims;
    }

    public int steps() {
        return steps;
    }

    /** The kernel form the readout's width implies. */
    public KernelForm kernelForm() {
        return outputs == 2 * dims ? KernelForm.DIAGONAL : KernelForm.FULL;
    }

    public FlatParameters parameters() {
        return params;
    }

    /** A network sharing nothing with this one (for snapshots and evaluation on another thread). */
    public DiffusionMlp copy() {
        return new DiffusionMlp(architecture, dims, steps, params.copy());
    }

    private INDArray stepSlice(String name, int firstStep, int blocks) {
        return params.leadingSlices(name, firstStep - 1, blocks);
    }

    /**
     * Runs the network on {@code x} ([blocks * B, d]), block k at step {@code firstStep + k}.
     */
    public Forward forward(INDArray x, int firstStep, int blocks) {
        if (firstStep < 1 || firstStep + blocks - 1 > steps) {
            throw new IllegalArgumentException("Steps " + firstStep + ".." + (firstStep + blocks - 1) + " outside 1.." + steps);
        }
        long n = x.size(0);
        if (n % blocks != 0) {
            throw new IllegalArgumentException(n + " rows do not split into " + blocks + " blocks");
        }
        long perBlock = n / blocks;
        Forward f = new Forward(x, firstStep, blocks);
        int h1 = architecture.width(0);
        INDArray pre;
        INDArray out;
        if (architecture.firstLayer() == MlpArchitecture.FirstLayer.RBF) {
            // -P |x - c|^2 = [x, |x|^2, 1] . [2 P c ; -P ; -P |c|^2]: one small-K matrix multiply instead of a
            // handful of element-wise passes over the [N, H] array (those dominate the step's time).
            f.rbfFeatures = Nd4j.hstack(x, x.mul(x).sum(true, 1), Nd4j.ones(x.dataType(), n, 1));
            f.rbfWeights = rbfWeights();
            if (foldsStepBias()) {
                // The per-step bias rides on the constant feature: one batched multiply with a weight matrix per
                // block ([blocks, d + 2, H]) instead of a multiply and a broadcast add over the [N, H] array.
                pre = Nd4j.matmul(f.rbfFeatures.reshape(blocks, perBlock, dims + 2), blockRbfWeights(f.rbfWeights,
                        firstStep, blocks)).reshape(n, h1);                               // log of the unit's output
            } else {
                pre = Nd4j.gemm(f.rbfFeatures, f.rbfWeights, false, false);
                if (architecture.perStepInputBias()) {
                    pre.reshape(blocks, perBlock, h1).addi(stepSlice("l0.stepBias", firstStep, blocks));
                }
            }
            // In place: the backward pass needs only exp(pre) (d exp(pre) = exp(pre)), so pre is not kept.
            out = Transforms.exp(pre, false);
        } else {
            pre = Nd4j.gemm(x, params.get("l0.W"), false, false).addiRowVector(params.get("l0.b"));
            if (architecture.perStepInputBias()) {
                pre.reshape(blocks, perBlock, h1).addi(stepSlice("l0.stepBias", firstStep, blocks));
            }
            out = architecture.activation().apply(pre);
        }
        f.pre.add(pre);
        f.out.add(out);
        for (int l = 1; l < architecture.layers(); l++) {
            pre = Nd4j.gemm(out, params.get("l" + l + ".W"), false, false).addiRowVector(params.get("l" + l + ".b"));
            out = architecture.activation().apply(pre);
            f.pre.add(pre);
            f.out.add(out);
        }
        int top = architecture.width(architecture.layers() - 1);
        INDArray h3 = out.reshape(blocks, perBlock, top);
        if (architecture.localLinearReadout()) {
            // output = h W_0 + x_1 (h W_1) + .. + x_d (h W_d): one product with the W_j side by side ([H, (1 + d) 2d])
            // and a few [N, 2d] passes, instead of building the [N, H (1 + d)] features h, h x_1, ...
            f.localParts = Nd4j.matmul(h3, localReadoutWeights(firstStep, blocks))
                    .reshape(blocks, perBlock, dims + 1, outputs);
            f.output = combineLocalParts(f.localParts, x.reshape(blocks, perBlock, dims))
                    .addi(stepSlice("out.b", firstStep, blocks));
            return f;
        }
        f.output = Nd4j.matmul(h3, stepSlice("out.W", firstStep, blocks))
                .addi(stepSlice("out.b", firstStep, blocks));
        return f;
    }

    /** A locally linear readout's weights per block as [blocks, H, (1 + d) 2d] (stored as [blocks, (1 + d) H, 2d]). */
    private INDArray localReadoutWeights(int firstStep, int blocks) {
        int h = architecture.width(architecture.layers() - 1);
        return stepSlice("out.W", firstStep, blocks).reshape(blocks, dims + 1, h, outputs).permute(0, 2, 1, 3)
                .dup('c').reshape(blocks, h, (dims + 1) * (long) outputs);
    }

    /** parts[.., 0, :] + sum_j x_j parts[.., j, :] ([blocks, B, 2d]). */
    private INDArray combineLocalParts(INDArray parts, INDArray x3) {
        INDArray sum = parts.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()).dup();
        for (int j = 0; j < dims; j++) {
            INDArray xj = x3.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(j, j + 1));    // [blocks, B, 1]
            sum.addi(parts.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(j + 1), NDArrayIndex.all())
                    .mul(xj));
        }
        return sum;
    }

    /**
     * Back-propagates {@code dOutput} ([blocks, B, 2d], the loss gradient w.r.t. the output) through the pass
     * {@code f}; writes parameter gradients into {@code grad} (per-step slices outside the pass are zeroed) and
     * returns the gradient w.r.t. the input x ([N, d]).
     */
    public INDArray backward(Forward f, INDArray dOutput, FlatParameters grad) {
        grad.flat().assign(0);
        int blocks = f.blocks;
        long n = f.input.size(0);
        long perBlock = n / blocks;
        int layers = architecture.layers();
        int top = architecture.width(layers - 1);
        INDArray h3 = f.out.get(layers - 1).reshape(blocks, perBlock, top);
        grad.leadingSlices("out.b", f.firstStep - 1, blocks).assign(dOutput.sum(true, 1));
        INDArray dOut;
        INDArray dxReadout = null;
        if (architecture.localLinearReadout()) {
            LocalReadoutGradient g = localReadoutBackward(f, h3, dOutput, grad);
            dOut = g.dTop();
            dxReadout = g.dx();
        } else {
            INDArray wOut = stepSlice("out.W", f.firstStep, blocks);
            grad.leadingSlices("out.W", f.firstStep - 1, blocks).assign(Nd4j.matmul(h3, dOutput, null, true, false, false));
            dOut = Nd4j.matmul(dOutput, wOut, null, false, true, false).reshape(n, top);
        }
        for (int l = layers - 1; l >= 1; l--) {
            INDArray dPre = dOut.muli(architecture.activation().derivative(f.pre.get(l), f.out.get(l)));
            INDArray below = f.out.get(l - 1);
            grad.get("l" + l + ".W").assign(Nd4j.gemm(below, dPre, true, false));
            grad.get("l" + l + ".b").assign(dPre.sum(true, 0));
            dOut = Nd4j.gemm(dPre, params.get("l" + l + ".W"), false, true);
        }
        int h1 = architecture.width(0);
        INDArray dPre;
        if (architecture.firstLayer() == MlpArchitecture.FirstLayer.RBF) {
            dPre = dOut.muli(f.out.get(0));                                      // d exp(pre) = exp(pre)
        } else {
            dPre = dOut.muli(architecture.activation().derivative(f.pre.get(0), f.out.get(0)));
        }
        INDArray x = f.input;
        if (architecture.firstLayer() == MlpArchitecture.FirstLayer.RBF) {
            int d = dims;
            INDArray dW;                                                                         // [d + 2, H]
            if (foldsStepBias()) {
                // Per block: the gradient of its weights; the constant feature's row is the step bias's gradient.
                INDArray dBlockW = Nd4j.matmul(f.rbfFeatures.reshape(blocks, perBlock, d + 2),
                        dPre.reshape(blocks, perBlock, h1), null, true, false, false);          // [blocks, d + 2, H]
                grad.leadingSlices("l0.stepBias", f.firstStep - 1, blocks)
                        .assign(dBlockW.get(NDArrayIndex.all(), NDArrayIndex.point(d + 1), NDArrayIndex.all())
                                .reshape(blocks, 1, h1));
                dW = dBlockW.sum(0);
            } else {
                dW = Nd4j.gemm(f.rbfFeatures, dPre, true, false);
                if (architecture.perStepInputBias()) {
                    grad.leadingSlices("l0.stepBias", f.firstStep - 1, blocks)
                            .assign(dPre.reshape(blocks, perBlock, h1).sum(true, 1));
                }
            }
            INDArray dFeatures = Nd4j.gemm(dPre, f.rbfWeights, false, true);                   // [N, d + 2]
            // Chain dW back to the centres c and log-precisions: W[0:d,k] = 2 P_k c_k, W[d,k] = -P_k,
            // W[d+1,k] = -P_k |c_k|^2 (tiny [d + 2, H] arrays, done in Java).
            double[] dWv = dW.dup().data().asDouble();
            double[] c = params.get("rbf.centres").dup().data().asDouble();             // [H, d]
            double[] logP = params.get("rbf.logPrecision").dup().data().asDouble();
            double[] dC = new double[h1 * d];
            double[] dLogP = new double[h1];
            for (int k = 0; k < h1; k++) {
                double pk = Math.exp(logP[k]);
                double cSq = 0;
                double cDotDw = 0;
                for (int j = 0; j < d; j++) {
                    cSq += c[k * d + j] * c[k * d + j];
                    cDotDw += c[k * d + j] * dWv[j * h1 + k];
                }
                double dSq = dWv[(d + 1) * h1 + k];
                for (int j = 0; j < d; j++) {
                    dC[k * d + j] = 2 * pk * dWv[j * h1 + k] - 2 * pk * c[k * d + j] * dSq;
                }
                dLogP[k] = pk * (2 * cDotDw - dWv[d * h1 + k] - cSq * dSq);
            }
            grad.get("rbf.centres").assign(Nd4j.createFromArray(dC).castTo(grad.dataType()).reshape(h1, d));
            grad.get("rbf.logPrecision").assign(Nd4j.createFromArray(dLogP).castTo(grad.dataType()).reshape(1, h1));
            // pre depends on x through x (first d features) and |x|^2 (feature d).
            INDArray dx = dFeatures.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)).dup();
            INDArray dSqX = dFeatures.get(NDArrayIndex.all(), NDArrayIndex.point(d)).dup().reshape(n, 1);
            dx.addi(x.mulColumnVector(dSqX).muli(2.0));
            return dxReadout == null ? dx : dx.addi(dxReadout);
        }
        if (architecture.perStepInputBias()) {
            grad.leadingSlices("l0.stepBias", f.firstStep - 1, blocks).assign(dPre.reshape(blocks, perBlock, h1).sum(true, 1));
        }
        grad.get("l0.W").assign(Nd4j.gemm(x, dPre, true, false));
        grad.get("l0.b").assign(dPre.sum(true, 0));
        INDArray dx = Nd4j.gemm(dPre, params.get("l0.W"), false, true);
        return dxReadout == null ? dx : dx.addi(dxReadout);
    }

    /** What a locally linear readout passes down: the gradient w.r.t. the top layer ([N, H]) and w.r.t. x ([N, d]). */
    private record LocalReadoutGradient(INDArray dTop, INDArray dx) {
    }

    /**
     * Back-propagates through a locally linear readout (output = h W_0 + sum_j x_j h W_j), writing out.W's gradient:
     * d parts_j = x_j dOutput (x_0 = 1), after which it is a plain readout of width (1 + d) 2d; x_j also gets
     * dOutput . parts_j.
     */
    private LocalReadoutGradient localReadoutBackward(Forward f, INDArray h3, INDArray dOutput, FlatParameters grad) {
        int blocks = f.blocks;
        long n = f.input.size(0);
        long perBlock = n / blocks;
        int top = (int) h3.size(2);
        long width = (dims + 1) * (long) outputs;
        INDArray x3 = f.input.reshape(blocks, perBlock, dims);
        INDArray dParts = Nd4j.create(dOutput.dataType(), blocks, perBlock, dims + 1, outputs);
        dParts.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()).assign(dOutput);
        INDArray dx = Nd4j.create(dOutput.dataType(), blocks, perBlock, dims);
        for (int j = 0; j < dims; j++) {
            INDArray xj = x3.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(j, j + 1));
            dParts.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(j + 1), NDArrayIndex.all())
                    .assign(dOutput.mul(xj));
            INDArray part = f.localParts.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(j + 1),
                    NDArrayIndex.all());
            dx.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(j)).assign(part.mul(dOutput).sum(2));
        }
        INDArray dParts3 = dParts.reshape(blocks, perBlock, width);
        INDArray dW = Nd4j.matmul(h3, dParts3, null, true, false, false);                 // [blocks, H, (1 + d) 2d]
        grad.leadingSlices("out.W", f.firstStep - 1, blocks).assign(dW.reshape(blocks, top, dims + 1, outputs)
                .permute(0, 2, 1, 3).dup('c').reshape(blocks, (long) (dims + 1) * top, outputs));
        INDArray dTop = Nd4j.matmul(dParts3, localReadoutWeights(f.firstStep, blocks), null, false, true, false)
                .reshape(n, top);
        return new LocalReadoutGradient(dTop, dx.reshape(n, dims));
    }

    /** The RBF layer as weights on [x, |x|^2, 1]: rows 2 P c^T, -P and -P |c|^2 ([d + 2, H]). */
    private INDArray rbfWeights() {
        INDArray c = params.get("rbf.centres");                                     // [H, d]
        INDArray precision = Transforms.exp(params.get("rbf.logPrecision"), true);  // [1, H]
        INDArray cSq = c.mul(c).sum(true, 1).reshape(1, c.size(0));                 // [1, H]
        return Nd4j.vstack(c.transpose().mulRowVector(precision).muli(2.0), precision.neg(), cSq.muli(precision).negi());
    }

    /**
     * Whether an RBF layer's per-step bias is folded into per-block weights ({@link #blockRbfWeights}). Measured on one
     * thread: 256 units, 15.7 -> 13.5 ms per training step; 64 units (the default network), no gain, so narrower
     * layers keep the multiply and broadcast add (and their numbers, bit for bit).
     */
    private boolean foldsStepBias() {
        return architecture.perStepInputBias() && architecture.width(0) >= FOLD_MIN_WIDTH;
    }

    /** The narrowest RBF layer whose per-step bias is folded into per-block weights. */
    static final int FOLD_MIN_WIDTH = 128;

    /** The RBF weights of each block: {@code w} with the block's step bias added to the constant feature's row. */
    private INDArray blockRbfWeights(INDArray w, int firstStep, int blocks) {
        int h1 = architecture.width(0);
        // zeros + a broadcast add: ten times faster here than INDArray.broadcast or Nd4j.tile (measured)
        INDArray perBlock = Nd4j.zeros(w.dataType(), blocks, dims + 2, h1).addi(w.reshape(1, dims + 2, h1));
        perBlock.get(NDArrayIndex.all(), NDArrayIndex.point(dims + 1), NDArrayIndex.all())
                .addi(stepSlice("l0.stepBias", firstStep, blocks).reshape(blocks, h1));
        return perBlock;
    }

    /** Total number of trainable network parameters. */
    public long parameterCount() {
        return params.size();
    }

    public DataType dataType() {
        return params.dataType();
    }
}
