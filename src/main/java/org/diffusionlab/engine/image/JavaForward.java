package org.diffusionlab.engine.image;

import java.util.stream.IntStream;
import org.diffusionlab.engine.model.FlatParameters;

/**
 * The network's forward pass in plain Java, one image at a time (sampling, inpainting, denoising). ND4J's cost per
 * operation (tens of microseconds, far more on a busy machine) dominates a pass over one 28 x 28 image, which has
 * some 200 operations; straight loops over float arrays take a few milliseconds. Same arithmetic as
 * {@link ImageNetwork#forward} (checked against it in the tests), taken from a snapshot of the weights.
 */
final class JavaForward {

    /** Multiply-adds of a convolution from which its output channels are computed in parallel. */
    private static final long PARALLEL_FROM = 1L << 18;

    private final ConvArchitecture arch;
    private final int size;
    private final int steps;
    private final int[] scales;
    private final float[][][] convW;   // [scale][layer] -> [9 * cin * cout], index (k * cin + i) * cout + o
    private final float[][][] convB;
    private final float[] denseW;      // [denseInputWidth * F]
    private final float[] denseB;
    private final float[] outW;        // [F * 2J]
    private final float[] outB;
    private final float[][] globalW;   // whole-image path: per layer [in * out], then its output layer
    private final float[][] globalB;
    private final float[][] postW;     // full-resolution stack after the join, per layer as convW
    private final float[][] postB;
    // step-dependent biases B [J * width] of the same layers (null without them): the bias at t is b + g(t) B
    private final float[][][] convBt;
    private final float[] denseBt;
    private final float[][] globalBt;
    private final float[][] postBt;

    JavaForward(ImageNetwork net) {
        this.arch = net.architecture();
        this.size = net.size();
        this.steps = net.steps();
        this.scales = arch.scales();
        FlatParameters p = net.parameters();
        convW = new float[scales.length][arch.convsPerScale()][];
        convB = new float[scales.length][arch.convsPerScale()][];
        convBt = new float[scales.length][arch.convsPerScale()][];
        for (int s = 0; s < scales.length; s++) {
            for (int l = 0; l < arch.convsPerScale(); l++) {
                convW[s][l] = p.get(ImageNetwork.convName(scales[s], l) + ".W").dup().data().asFloat();
                convB[s][l] = p.get(ImageNetwork.convName(scales[s], l) + ".b").dup().data().asFloat();
                convBt[s][l] = stepBias(p, ImageNetwork.convName(scales[s], l));
            }
        }
        denseW = p.get("dense.W").dup().data().asFloat();
        denseB = p.get("dense.b").dup().data().asFloat();
        denseBt = stepBias(p, "dense");
        outW = p.get("out.W").dup().data().asFloat();
        outB = p.get("out.b").dup().data().asFloat();
        int layers = arch.hasGlobalPath() ? arch.globalHidden().length + 1 : 0;
        globalW = new float[layers][];
        globalB = new float[layers][];
        globalBt = new float[layers][];
        for (int i = 0; i < layers; i++) {
            String name = i < layers - 1 ? ImageNetwork.globalName(i) : "global.out";
            globalW[i] = p.get(name + ".W").dup().data().asFloat();
            globalB[i] = p.get(name + ".b").dup().data().asFloat();
            globalBt[i] = i < layers - 1 ? stepBias(p, name) : null;
        }
        postW = new float[arch.postConvs()][];
        postB = new float[arch.postConvs()][];
        postBt = new float[arch.postConvs()][];
        for (int l = 0; l < arch.postConvs(); l++) {
            postW[l] = p.get(ImageNetwork.postName(l) + ".W").dup().data().asFloat();
            postB[l] = p.get(ImageNetwork.postName(l) + ".b").dup().data().asFloat();
            postBt[l] = stepBias(p, ImageNetwork.postName(l));
        }
    }

    /** A layer's step-dependent bias B as [J * width], or null when the network has none. */
    private static float[] stepBias(FlatParameters p, String layer) {
        String name = ImageNetwork.stepBiasName(layer);
        return p.has(name) ? p.get(name).dup().data().asFloat() : null;
    }

    /** A layer's bias at the step whose bump weights are g: b + g B (b itself when the layer has no step bias). */
    private static float[] biasAt(float[] b, float[] bt, double[] g) {
        if (bt == null) {
            return b;
        }
        float[] out = b.clone();
        for (int j = 0; j < g.length; j++) {
            float gj = (float) g[j];
            for (int c = 0; c < out.length; c++) {
                out[c] += gj * bt[j * out.length + c];
            }
        }
        return out;
    }

    /** The whole-image path on one image: [H*W * K], pixel-major. */
    private float[] globalPath(float[] x, double[] g) {
        float[] h = x;
        for (int i = 0; i < globalW.length; i++) {
            int out = globalB[i].length;
            int in = h.length;
            float[] next = biasAt(globalB[i], globalBt[i], g).clone();
            float[] w = globalW[i];
            for (int r = 0; r < in; r++) {
                float v = h[r];
                if (v == 0f) {
                    continue;
                }
                int row = r * out;
                for (int q = 0; q < out; q++) {
                    next[q] += v * w[row + q];
                }
            }
            if (i < globalW.length - 1) {
                for (int q = 0; q < out; q++) {
                    next[q] = next[q] > 0 ? next[q] : (float) ImageNetwork.LEAK * next[q];
                }
            }
            h = next;
        }
        return h;
    }

    /** One thread's reusable buffers: the shifted copies of a convolution's input (about a megabyte). */
    static final class Scratch {
        private float[][][] shifted = new float[0][][];

        /** At least [cin][9][n]; the contents are junk. */
        float[][][] shifted(int cin, int n) {
            int have = shifted.length == 0 ? 0 : shifted[0][0].length;
            if (shifted.length < cin || have < n) {
                shifted = new float[Math.max(cin, shifted.length)][9][Math.max(n, have)];
            }
            return shifted;
        }
    }

    /** z_mu and z_Sigma of one image x ([H*W]) at step t: out[0] and out[1], each [H*W]; large layers use all cores. */
    float[][] forward(float[] x, int t) {
        return forward(x, t, new Scratch(), true);
    }

    /**
     * As {@link #forward(float[], int)} on the caller's scratch (one per thread), its large convolutions split over
     * the cores only when {@code parallel} (callers that already spread images over the cores pass false).
     */
    float[][] forward(float[] x, int t, Scratch scratch, boolean parallel) {
        int pixels = size * size;
        double[] g = TemporalBumps.weights(t, steps, arch.bumps());
        // the joined features, channel-major: [featureWidth][H*W]
        float[][] features = new float[arch.featureWidth()][pixels];
        int offset = 0;
        float[][] previous = null;     // the previous scale's output, which a chained scale reads averaged down
        for (int s = 0; s < scales.length; s++) {
            int k = scales[s];
            int hs = size / k;
            int c = arch.channelsAt(s);
            float[][] h = arch.chained() && previous != null ? averageDown(previous, size / scales[s - 1], k / scales[s - 1])
                    : downsample(x, k);
            for (int l = 0; l < arch.convsPerScale(); l++) {
                h = conv(h, hs, c, convW[s][l], biasAt(convB[s][l], convBt[s][l], g), scratch, parallel);
            }
            previous = h;
            // nearest-neighbour upsampling, summed into the features (or written to this scale's channels)
            int pw = hs + 2;
            for (int ch = 0; ch < c; ch++) {
                float[] src = h[ch];
                float[] dst = features[offset + ch];
                for (int y = 0; y < size; y++) {
                    int row = (y / k + 1) * pw + 1;
                    for (int xx = 0; xx < size; xx++) {
                        dst[y * size + xx] += src[row + xx / k];
                    }
                }
            }
            if (arch.concatenated()) {
                offset += c;
            }
        }
        if (arch.hasGlobalPath()) {
            int k = arch.globalChannels();
            int from = arch.convWidth();
            float[] whole = globalPath(x, g);
            for (int px = 0; px < pixels; px++) {
                for (int ch = 0; ch < k; ch++) {
                    features[from + ch][px] = whole[px * k + ch];
                }
            }
        }
        if (postW.length > 0) {
            float[][] h = pad(features, size);
            for (int l = 0; l < postW.length; l++) {
                h = conv(h, size, arch.postChannels(), postW[l], biasAt(postB[l], postBt[l], g), scratch, parallel);
            }
            features = interior(h, size);
        }
        return readout(features, g);
    }

    /** The 1x1 dense layer and the bump-mixed readout on channel-major features [width][H*W]. */
    private float[][] readout(float[][] features, double[] g) {
        int pixels = size * size;
        int f = arch.denseWidth();
        int j = arch.bumps();
        float[] denseBias = biasAt(denseB, denseBt, g);
        // fold the bump mix into the readout: z = sum_j g_j (d . W[:, j] + b_j)
        float[] wMix = new float[f * 2];
        float[] bMix = new float[2];
        for (int half = 0; half < 2; half++) {
            for (int q = 0; q < j; q++) {
                float gq = (float) g[q];
                bMix[half] += gq * outB[half * j + q];
                for (int u = 0; u < f; u++) {
                    wMix[u * 2 + half] += gq * outW[u * 2 * j + half * j + q];
                }
            }
        }
        float[][] z = new float[2][pixels];
        java.util.Arrays.fill(z[0], bMix[0]);
        java.util.Arrays.fill(z[1], bMix[1]);
        float[] d = new float[pixels];
        for (int u = 0; u < f; u++) {
            java.util.Arrays.fill(d, denseBias[u]);
            for (int ch = 0; ch < features.length; ch++) {
                float w = denseW[ch * f + u];
                float[] src = features[ch];
                for (int px = 0; px < pixels; px++) {
                    d[px] += w * src[px];
                }
            }
            float wm = wMix[u * 2];
            float ws = wMix[u * 2 + 1];
            for (int px = 0; px < pixels; px++) {
                float a = d[px] > 0 ? d[px] : (float) ImageNetwork.LEAK * d[px];
                z[0][px] += a * wm;
                z[1][px] += a * ws;
            }
        }
        return z;
    }

    /** The image averaged over k x k blocks, as a one-channel padded map (see {@link #conv}). */
    private float[][] downsample(float[] x, int k) {
        int hs = size / k;
        int pw = hs + 2;
        float[] out = new float[pw * pw];
        float inv = 1f / (k * k);
        for (int y = 0; y < size; y++) {
            for (int xx = 0; xx < size; xx++) {
                out[(y / k + 1) * pw + xx / k + 1] += x[y * size + xx] * inv;
            }
        }
        return new float[][]{out};
    }

    /** Padded channel-major maps of side s averaged over r x r blocks: padded maps of side s / r (see {@link #conv}). */
    private static float[][] averageDown(float[][] padded, int s, int r) {
        int pw = s + 2;
        int q = s / r;
        int qw = q + 2;
        float inv = 1f / (r * r);
        float[][] out = new float[padded.length][qw * qw];
        for (int ch = 0; ch < padded.length; ch++) {
            float[] src = padded[ch];
            float[] dst = out[ch];
            for (int y = 0; y < s; y++) {
                for (int xx = 0; xx < s; xx++) {
                    dst[(y / r + 1) * qw + xx / r + 1] += src[(y + 1) * pw + xx + 1] * inv;
                }
            }
        }
        return out;
    }

    /** Channel-major maps [c][s*s] with a one-pixel zero border added: [c][(s+2)*(s+2)]. */
    private static float[][] pad(float[][] maps, int s) {
        int pw = s + 2;
        float[][] out = new float[maps.length][pw * pw];
        for (int ch = 0; ch < maps.length; ch++) {
            for (int y = 0; y < s; y++) {
                System.arraycopy(maps[ch], y * s, out[ch], (y + 1) * pw + 1, s);
            }
        }
        return out;
    }

    /** The inverse of {@link #pad}. */
    private static float[][] interior(float[][] padded, int s) {
        int pw = s + 2;
        float[][] out = new float[padded.length][s * s];
        for (int ch = 0; ch < padded.length; ch++) {
            for (int y = 0; y < s; y++) {
                System.arraycopy(padded[ch], (y + 1) * pw + 1, out[ch], y * s, s);
            }
        }
        return out;
    }

    /**
     * 3x3 same-padded convolution, then the leaky ReLU, on channel-major maps with a one-pixel zero border
     * ([cin][(s+2)*(s+2)] to [cout][(s+2)*(s+2)], border zero again). With the border, each tap is a shift of the
     * whole flattened map, so the inner loop runs over the map (about 900 numbers) instead of over the channels of
     * one pixel. The taps read shifted copies of the input made once per call: a loop that reads one array at
     * p + shift and writes another at p is not vectorised by the JIT (it cannot rule out that they are the same
     * array), one that reads and writes at p is, which makes the convolution about four times as fast. The rows on
     * the border receive junk and are zeroed afterwards.
     */
    private static float[][] conv(float[][] in, int s, int cout, float[] w, float[] b, Scratch scratch, boolean parallel) {
        int cin = in.length;
        int pw = s + 2;
        int from = pw + 1;
        int to = pw * pw - pw - 1;
        float[][][] shifted = scratch.shifted(cin, pw * pw);
        for (int i = 0; i < cin; i++) {
            for (int k = 0; k < 9; k++) {
                System.arraycopy(in[i], from + (k / 3 - 1) * pw + (k % 3 - 1), shifted[i][k], from, to - from);
            }
        }
        int stride = cin * cout;   // from one tap's weights to the next's
        float[][] out = new float[cout][pw * pw];
        // output channels are independent: large layers split them over the cores (each channel's sum keeps its order)
        IntStream channels = IntStream.range(0, cout);
        if (parallel && (long) cin * cout * pw * pw >= PARALLEL_FROM) {
            channels = channels.parallel();
        }
        channels.forEach(q -> {
            float[] o = out[q];
            for (int i = 0; i < cin; i++) {
                for (int k = 0; k < 9; k += 3) {
                    int at = k * stride + i * cout + q;
                    float wa = w[at], wb = w[at + stride], wc = w[at + 2 * stride];
                    float[] sa = shifted[i][k], sb = shifted[i][k + 1], sc = shifted[i][k + 2];
                    for (int p = from; p < to; p++) {
                        o[p] += wa * sa[p] + wb * sb[p] + wc * sc[p];
                    }
                }
            }
            float bq = b[q];
            float leak = (float) ImageNetwork.LEAK;
            for (int p = from; p < to; p++) {
                float v = o[p] + bq;
                o[p] = Math.max(v, leak * v);     // the leaky ReLU (slope below 1), without a branch
            }
            for (int y = 1; y < pw - 1; y++) {   // the border again zero: left and right columns
                o[y * pw] = 0;
                o[y * pw + pw - 1] = 0;
            }
        });
        return out;
    }
}
