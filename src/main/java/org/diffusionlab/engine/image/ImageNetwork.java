package org.diffusionlab.engine.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.diffusionlab.engine.model.FlatParameters;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The convolutional reverse-kernel network (see {@link ConvArchitecture}) on ND4J with hand-derived back-propagation,
 * checked against finite differences in the tests. Feature maps are NHWC; every product is a BLAS {@code gemm}.
 *
 * <p>Input: a batch of images x_t [B, H, W] in the model's unit-variance space and each image's step t. Output per
 * pixel: z_mu and z_Sigma ([B, H*W, 2]), each the mix sum_j g_j(t) z_j of the J readouts by the temporal bumps.
 */
public final class ImageNetwork {

    /** Slope of the leaky ReLU below zero (never a dead unit). */
    static final double LEAK = 0.1;

    private final ConvArchitecture arch;
    private final int size;
    private final int steps;
    private final FlatParameters params;

    /** Everything the backward pass needs from a forward pass. */
    public static final class Forward {
        final long batch;
        final INDArray bumps;                                     // [B, J, 1]
        final List<List<Conv3x3.Cache>> convCaches = new ArrayList<>();
        final List<List<INDArray>> convPre = new ArrayList<>();   // pre-activations per scale and layer
        INDArray features;                                        // [B*H*W, featureWidth]: scales, then whole-image path
        final List<Conv3x3.Cache> postCaches = new ArrayList<>(); // full-resolution stack after the join
        final List<INDArray> postPre = new ArrayList<>();
        INDArray denseIn;                                         // [B*H*W, denseInputWidth]
        final List<INDArray> globalPre = new ArrayList<>();       // whole-image path: pre-activations per hidden layer
        final List<INDArray> globalIn = new ArrayList<>();        // and the input of each of its layers
        INDArray densePre;                                        // [B*H*W, F]
        INDArray denseOut;                                        // [B*H*W, F]
        INDArray output;                                          // [B, H*W, 2]

        Forward(long batch, INDArray bumps) {
            this.batch = batch;
            this.bumps = bumps;
        }

        /** z_mu (index 0) and z_Sigma (index 1) per pixel: [B, H*W, 2]. */
        public INDArray output() {
            return output;
        }
    }

    public ImageNetwork(ConvArchitecture arch, int size, int steps, FlatParameters params) {
        arch.checkImageSize(size);
        this.arch = arch;
        this.size = size;
        this.steps = steps;
        this.params = params;
    }

    /** The parameter layout for images of the given side length. */
    public static FlatParameters.Builder layout(ConvArchitecture arch, int size) {
        FlatParameters.Builder b = new FlatParameters.Builder();
        int[] scales = arch.scales();
        for (int si = 0; si < scales.length; si++) {
            int c = arch.channelsAt(si);
            for (int l = 0; l < arch.convsPerScale(); l++) {
                b.add(convName(scales[si], l) + ".W", 9, l == 0 ? arch.inputChannelsAt(si) : c, c)
                        .add(convName(scales[si], l) + ".b", 1, c);
                addStepBias(b, arch, convName(scales[si], l), c);
            }
        }
        int[] hidden = arch.globalHidden();
        int in = size * size;
        for (int i = 0; i < hidden.length; i++) {
            b.add(globalName(i) + ".W", in, hidden[i]).add(globalName(i) + ".b", 1, hidden[i]);
            addStepBias(b, arch, globalName(i), hidden[i]);
            in = hidden[i];
        }
        if (arch.hasGlobalPath()) {
            b.add("global.out.W", in, (long) size * size * arch.globalChannels())
                    .add("global.out.b", 1, (long) size * size * arch.globalChannels());
        }
        for (int l = 0; l < arch.postConvs(); l++) {
            b.add(postName(l) + ".W", 9, l == 0 ? arch.featureWidth() : arch.postChannels(), arch.postChannels())
                    .add(postName(l) + ".b", 1, arch.postChannels());
            addStepBias(b, arch, postName(l), arch.postChannels());
        }
        b.add("dense.W", arch.denseInputWidth(), arch.denseWidth()).add("dense.b", 1, arch.denseWidth());
        addStepBias(b, arch, "dense", arch.denseWidth());
        b.add("out.W", arch.denseWidth(), 2L * arch.bumps()).add("out.b", 1, 2L * arch.bumps());
        return b;
    }

    /** A hidden layer's step-dependent bias B [J, width] (its bias at step t is b + g(t) B), if the network has them. */
    private static void addStepBias(FlatParameters.Builder b, ConvArchitecture arch, String layer, long width) {
        if (arch.stepBiases()) {
            b.add(stepBiasName(layer), arch.bumps(), width);
        }
    }

    static String stepBiasName(String layer) {
        return layer + ".bt";
    }

    static String globalName(int layer) {
        return "global.h" + layer;
    }

    static String convName(int scale, int layer) {
        return "s" + scale + ".conv" + layer;
    }

    static String postName(int layer) {
        return "post.conv" + layer;
    }

    /**
     * A fresh network: He-scaled Gaussian weights below and a zero readout, so that the untrained kernel is the exact
     * reverse of the forward process for N(0, I) data (K - L_null = 0).
     */
    public static ImageNetwork initialise(ConvArchitecture arch, int size, int steps, long seed) {
        FlatParameters p = layout(arch, size).build(DataType.FLOAT);
        Random rng = new Random(seed);
        int[] scales = arch.scales();
        for (int si = 0; si < scales.length; si++) {
            int c = arch.channelsAt(si);
            for (int l = 0; l < arch.convsPerScale(); l++) {
                fillGaussian(p.get(convName(scales[si], l) + ".W"), rng,
                        Math.sqrt(2.0 / (9.0 * (l == 0 ? arch.inputChannelsAt(si) : c))));
            }
        }
        int[] hidden = arch.globalHidden();
        int in = size * size;
        for (int i = 0; i < hidden.length; i++) {
            fillGaussian(p.get(globalName(i) + ".W"), rng, Math.sqrt(2.0 / in));
            in = hidden[i];
        }
        if (arch.hasGlobalPath()) {
            fillGaussian(p.get("global.out.W"), rng, Math.sqrt(1.0 / in));
        }
        // summed scales add their variances; concatenated ones (and the whole-image path) are inputs side by side
        int fanIn = arch.concatenated() ? arch.featureWidth() : arch.channels() * scales.length + arch.globalChannels();
        for (int l = 0; l < arch.postConvs(); l++) {
            fillGaussian(p.get(postName(l) + ".W"), rng, Math.sqrt(2.0 / (9.0 * fanIn)));
            fanIn = arch.postChannels();
        }
        fillGaussian(p.get("dense.W"), rng, Math.sqrt(2.0 / fanIn));
        return new ImageNetwork(arch, size, steps, p);
    }

    private static void fillGaussian(INDArray target, Random rng, double std) {
        float[] v = new float[(int) target.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rng.nextGaussian() * std);
        }
        target.assign(Nd4j.createFromArray(v).reshape(target.shape()));
    }

    public ConvArchitecture architecture() {
        return arch;
    }

    /** Side length of the (square) images. */
    public int size() {
        return size;
    }

    public int steps() {
        return steps;
    }

    public FlatParameters parameters() {
        return params;
    }

    public long parameterCount() {
        return params.size();
    }

    /**
     * This network with a step-dependent bias on every hidden layer, all zero: the same function, to be fine-tuned
     * with them (a copy when it has them already).
     */
    public ImageNetwork withStepBiases() {
        if (arch.stepBiases()) {
            return copy();
        }
        ConvArchitecture to = arch.withStepBiases(true);
        FlatParameters p = layout(to, size).build(params.dataType());
        for (FlatParameters.Slot slot : params.slots()) {
            p.get(slot.name()).assign(params.get(slot.name()));
        }
        return new ImageNetwork(to, size, steps, p);
    }

    /** A network sharing nothing with this one. */
    public ImageNetwork copy() {
        return new ImageNetwork(arch, size, steps, params.copy());
    }

    /** The bump weights g_j(t_i) of every image as [B, J, 1]. */
    INDArray bumpWeights(int[] t) {
        int j = arch.bumps();
        float[] g = new float[t.length * j];
        for (int i = 0; i < t.length; i++) {
            double[] w = TemporalBumps.weights(t[i], steps, j);
            for (int k = 0; k < j; k++) {
                g[i * j + k] = (float) w[k];
            }
        }
        return Nd4j.createFromArray(g).reshape(t.length, j, 1);
    }

    /** Runs the network on x_t ([B, H, W]), image i at step t[i]. */
    public Forward forward(INDArray x, int[] t) {
        long b = x.size(0);
        if (x.size(1) != size || x.size(2) != size || t.length != b) {
            throw new IllegalArgumentException("Expected [" + t.length + ", " + size + ", " + size + "] images, got "
                    + java.util.Arrays.toString(x.shape()));
        }
        for (int ti : t) {
            if (ti < 1 || ti > steps) {
                throw new IllegalArgumentException("Step " + ti + " outside 1.." + steps);
            }
        }
        Forward f = new Forward(b, bumpWeights(t));
        INDArray xf = x.castTo(DataType.FLOAT);
        INDArray sum = null;
        List<INDArray> maps = new ArrayList<>();
        INDArray previous = null;      // the previous scale's output, which a chained scale reads averaged down
        int previousScale = 1;
        for (int s : arch.scales()) {
            INDArray h;
            if (arch.chained() && previous != null) {
                int r = s / previousScale;
                h = BlockMaps.sumDown(previous, r, 1.0 / (r * r));
            } else {
                h = s == 1 ? xf.reshape(b, size, size, 1) : BlockMaps.sumDown(xf.reshape(b, size, size, 1), s, 1.0 / (s * s));
            }
            List<Conv3x3.Cache> caches = new ArrayList<>();
            List<INDArray> pres = new ArrayList<>();
            for (int l = 0; l < arch.convsPerScale(); l++) {
                Conv3x3.Cache[] cache = new Conv3x3.Cache[1];
                INDArray pre = addStepBias(f, Conv3x3.forward(h, params, convName(s, l), cache), convName(s, l));
                caches.add(cache[0]);
                pres.add(pre);
                h = Transforms.leakyRelu(pre, LEAK, true);
            }
            f.convCaches.add(caches);
            f.convPre.add(pres);
            previous = h;
            previousScale = s;
            INDArray up = s == 1 ? h : BlockMaps.spreadUp(h, s, 1);
            if (arch.concatenated()) {
                maps.add(up);
            } else {
                sum = sum == null ? up.dup() : sum.addi(up);
            }
        }
        long rows = b * size * size;
        if (!arch.concatenated()) {
            maps.add(sum);
        }
        if (arch.hasGlobalPath()) {
            maps.add(globalForward(f, xf.reshape(b, (long) size * size)).reshape(b, size, size, arch.globalChannels()));
        }
        INDArray features = maps.size() == 1 ? maps.get(0) : Nd4j.concat(3, maps.toArray(new INDArray[0]));
        f.features = features.reshape(rows, arch.featureWidth());
        f.denseIn = arch.hasPostConvolutions() ? postForward(f, features.reshape(b, size, size, arch.featureWidth()))
                : f.features;
        f.densePre = addStepBias(f, Nd4j.gemm(f.denseIn, params.get("dense.W"), false, false)
                .addiRowVector(params.get("dense.b")), "dense");
        f.denseOut = Transforms.leakyRelu(f.densePre, LEAK, true);
        INDArray out = Nd4j.gemm(f.denseOut, params.get("out.W"), false, false).addiRowVector(params.get("out.b"));
        f.output = Nd4j.matmul(out.reshape(b, (long) size * size * 2, arch.bumps()), f.bumps)
                .reshape(b, (long) size * size, 2);
        return f;
    }

    /**
     * Adds each image's step-dependent bias g(t_i) B to a layer's pre-activations ({@code pre}: [B, ..., C], image-major,
     * C-contiguous), in place; returns {@code pre}. Does nothing for a network without step biases.
     */
    private INDArray addStepBias(Forward f, INDArray pre, String layer) {
        if (!arch.stepBiases()) {
            return pre;
        }
        long c = pre.size(pre.rank() - 1);
        INDArray perImage = Nd4j.gemm(f.bumps.reshape(f.batch, arch.bumps()), params.get(stepBiasName(layer)), false, false);
        INDArray rows = pre.reshape(f.batch, pre.length() / (f.batch * c), c);
        Nd4j.getExecutioner().exec(new BroadcastAddOp(rows, perImage, rows, 0, 2));
        return pre;
    }

    /** d/dB of a layer's step-dependent bias: sum over images of g(t_i)^T times the image's summed d/d(pre-activation). */
    private void stepBiasGradient(Forward f, INDArray dPre, String layer, FlatParameters grad) {
        if (!arch.stepBiases()) {
            return;
        }
        long c = dPre.size(dPre.rank() - 1);
        INDArray perImage = dPre.reshape(f.batch, dPre.length() / (f.batch * c), c).sum(1);
        grad.get(stepBiasName(layer)).assign(Nd4j.gemm(f.bumps.reshape(f.batch, arch.bumps()), perImage, true, false));
    }

    /** The full-resolution stack after the join: [B, H, W, featureWidth] to rows [B*H*W, postChannels]. */
    private INDArray postForward(Forward f, INDArray joined) {
        INDArray h = joined;
        for (int l = 0; l < arch.postConvs(); l++) {
            Conv3x3.Cache[] cache = new Conv3x3.Cache[1];
            INDArray pre = addStepBias(f, Conv3x3.forward(h, params, postName(l), cache), postName(l));
            f.postCaches.add(cache[0]);
            f.postPre.add(pre);
            h = Transforms.leakyRelu(pre, LEAK, true);
        }
        return h.reshape(f.batch * size * size, arch.postChannels());
    }

    /** Back-propagates d/d(stack output) rows into the stack's parameters; returns d/d(joined features) rows. */
    private INDArray postBackward(Forward f, INDArray dRows, FlatParameters grad) {
        INDArray dh = dRows.reshape(f.batch, size, size, arch.postChannels());
        for (int l = arch.postConvs() - 1; l >= 0; l--) {
            INDArray dPre = dh.mul(Transforms.leakyReluDerivative(f.postPre.get(l), LEAK, true));
            stepBiasGradient(f, dPre, postName(l), grad);
            dh = Conv3x3.backward(f.postCaches.get(l), params, postName(l), dPre, grad, true);
        }
        return dh.reshape(f.batch * size * size, arch.featureWidth());
    }

    /** The whole-image path: the flattened images [B, H*W] through the hidden layers to [B, H*W*K]. */
    private INDArray globalForward(Forward f, INDArray flat) {
        INDArray h = flat.dup();
        int layers = arch.globalHidden().length;
        for (int i = 0; i < layers; i++) {
            f.globalIn.add(h);
            INDArray pre = addStepBias(f, Nd4j.gemm(h, params.get(globalName(i) + ".W"), false, false)
                    .addiRowVector(params.get(globalName(i) + ".b")), globalName(i));
            f.globalPre.add(pre);
            h = Transforms.leakyRelu(pre, LEAK, true);
        }
        f.globalIn.add(h);
        return Nd4j.gemm(h, params.get("global.out.W"), false, false).addiRowVector(params.get("global.out.b"));
    }

    /** Back-propagates the gradient of the whole-image path's output [B, H*W*K] into its parameters. */
    private void globalBackward(Forward f, INDArray dOut, FlatParameters grad) {
        int layers = arch.globalHidden().length;
        INDArray top = f.globalIn.get(layers);
        grad.get("global.out.W").assign(Nd4j.gemm(top, dOut, true, false));
        grad.get("global.out.b").assign(dOut.sum(true, 0));
        INDArray dh = Nd4j.gemm(dOut, params.get("global.out.W"), false, true);
        for (int i = layers - 1; i >= 0; i--) {
            INDArray dPre = dh.muli(Transforms.leakyReluDerivative(f.globalPre.get(i), LEAK, true));
            stepBiasGradient(f, dPre, globalName(i), grad);
            grad.get(globalName(i) + ".W").assign(Nd4j.gemm(f.globalIn.get(i), dPre, true, false));
            grad.get(globalName(i) + ".b").assign(dPre.sum(true, 0));
            if (i > 0) {
                dh = Nd4j.gemm(dPre, params.get(globalName(i) + ".W"), false, true);
            }
        }
    }

    /**
     * Back-propagates {@code dOutput} ([B, H*W, 2], the loss gradient w.r.t. z) through the pass {@code f} and writes
     * the parameter gradients into {@code grad} (overwritten). The input x_t is data, so no gradient goes to it.
     */
    public void backward(Forward f, INDArray dOutput, FlatParameters grad) {
        grad.flat().assign(0);
        long b = f.batch;
        long pixels = (long) size * size;
        // z = out3 . g: d out3 = dz . g^T
        INDArray dOut = Nd4j.matmul(dOutput.castTo(DataType.FLOAT).reshape(b, pixels * 2, 1), f.bumps, null, false, true, false)
                .reshape(b * pixels, 2L * arch.bumps());
        grad.get("out.W").assign(Nd4j.gemm(f.denseOut, dOut, true, false));
        grad.get("out.b").assign(dOut.sum(true, 0));
        INDArray dDense = Nd4j.gemm(dOut, params.get("out.W"), false, true)
                .muli(Transforms.leakyReluDerivative(f.densePre, LEAK, true));
        grad.get("dense.W").assign(Nd4j.gemm(f.denseIn, dDense, true, false));
        grad.get("dense.b").assign(dDense.sum(true, 0));
        stepBiasGradient(f, dDense, "dense", grad);
        INDArray dDenseIn = Nd4j.gemm(dDense, params.get("dense.W"), false, true);
        INDArray dFeatureRows = arch.hasPostConvolutions() ? postBackward(f, dDenseIn, grad) : dDenseIn;   // [B*H*W, featureWidth]
        if (arch.hasGlobalPath()) {
            int k = arch.globalChannels();
            int from = arch.convWidth();
            globalBackward(f, dFeatureRows.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + k)).dup()
                    .reshape(b, pixels * k), grad);
        }
        int[] scales = arch.scales();
        int[] offsets = new int[scales.length];
        for (int si = 1; si < scales.length; si++) {
            offsets[si] = offsets[si - 1] + (arch.concatenated() ? arch.channelsAt(si - 1) : 0);  // summed: all share
        }
        // coarsest first: a chained scale hands the gradient of its input on to the scale it was averaged from
        INDArray carried = null;
        for (int si = scales.length - 1; si >= 0; si--) {
            int s = scales[si];
            int c = arch.channelsAt(si);
            int offset = offsets[si];
            // this scale's share of the feature gradient: all of it when summed, its columns when concatenated
            // (taken from the 2-D product, not a reshaped view: sub-views of reshaped views can go wrong)
            INDArray dMap = (!arch.concatenated() && !arch.hasGlobalPath() ? dFeatureRows
                    : dFeatureRows.get(NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + c)).dup())
                    .reshape(b, size, size, c);
            INDArray dh = s == 1 ? dMap : BlockMaps.sumDown(dMap, s, 1);
            if (carried != null) {
                dh = dh.add(carried);     // not in place: for the summed form dh may be a view of the shared rows
            }
            boolean feedsBack = arch.chained() && si > 0;
            for (int l = arch.convsPerScale() - 1; l >= 0; l--) {
                INDArray dPre = dh.mul(Transforms.leakyReluDerivative(f.convPre.get(si).get(l), LEAK, true));
                stepBiasGradient(f, dPre, convName(s, l), grad);
                dh = Conv3x3.backward(f.convCaches.get(si).get(l), params, convName(s, l), dPre, grad, l > 0 || feedsBack);
            }
            if (feedsBack) {
                // the input was the previous scale's output averaged over r x r blocks: each cell gets 1/r^2 of it
                int r = s / scales[si - 1];
                carried = BlockMaps.spreadUp(dh, r, 1.0 / (r * r));
            }
        }
    }
}
