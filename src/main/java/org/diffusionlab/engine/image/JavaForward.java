package org.diffusionlab.engine.image;

import org.diffusionlab.engine.model.FlatParameters;

/**
 * The network's forward pass in plain Java for a few images at a time (sampling, inpainting, denoising). ND4J's cost
 * per operation (tens of microseconds, far more on a busy machine) dominates a pass over one 28 x 28 image, which
 * has some 200 operations; straight loops over float arrays take a few milliseconds. Same arithmetic as
 * {@link ImageNetwork#forward} (checked against it in the tests), taken from a snapshot of the weights.
 */
final class JavaForward {

    private final ConvArchitecture arch;
    private final int size;
    private final int steps;
    private final int[] scales;
    private final float[][][] convW;   // [scale][layer] -> [9 * cin * cout], index (k * cin + i) * cout + o
    private final float[][][] convB;
    private final float[] denseW;      // [featureWidth * F]
    private final float[] denseB;
    private final float[] outW;        // [F * 2J]
    private final float[] outB;
    private final float[][] globalW;   // whole-image path: per layer [in * out], then its output layer
    private final float[][] globalB;
    private final float[][] postW;     // full-resolution stack after the join, per layer as convW
    private final float[][] postB;

    JavaForward(ImageNetwork net) {
        this.arch = net.architecture();
        this.size = net.size();
        this.steps = net.steps();
        this.scales = arch.scales();
        FlatParameters p = net.parameters();
        convW = new float[scales.length][arch.convsPerScale()][];
        convB = new float[scales.length][arch.convsPerScale()][];
        for (int s = 0; s < scales.length; s++) {
            for (int l = 0; l < arch.convsPerScale(); l++) {
                convW[s][l] = p.get(ImageNetwork.convName(scales[s], l) + ".W").dup().data().asFloat();
                convB[s][l] = p.get(ImageNetwork.convName(scales[s], l) + ".b").dup().data().asFloat();
            }
        }
        denseW = p.get("dense.W").dup().data().asFloat();
        denseB = p.get("dense.b").dup().data().asFloat();
        outW = p.get("out.W").dup().data().asFloat();
        outB = p.get("out.b").dup().data().asFloat();
        int layers = arch.hasGlobalPath() ? arch.globalHidden().length + 1 : 0;
        globalW = new float[layers][];
        globalB = new float[layers][];
        for (int i = 0; i < layers; i++) {
            String name = i < layers - 1 ? ImageNetwork.globalName(i) : "global.out";
            globalW[i] = p.get(name + ".W").dup().data().asFloat();
            globalB[i] = p.get(name + ".b").dup().data().asFloat();
        }
        postW = new float[arch.postConvs()][];
        postB = new float[arch.postConvs()][];
        for (int l = 0; l < arch.postConvs(); l++) {
            postW[l] = p.get(ImageNetwork.postName(l) + ".W").dup().data().asFloat();
            postB[l] = p.get(ImageNetwork.postName(l) + ".b").dup().data().asFloat();
        }
    }

    /** The whole-image path on one image: [H*W * K], pixel-major. */
    private float[] globalPath(float[] x) {
        float[] h = x;
        for (int i = 0; i < globalW.length; i++) {
            int out = globalB[i].length;
            int in = h.length;
            float[] next = globalB[i].clone();
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

    /** z_mu and z_Sigma of one image x ([H*W]) at step t: out[0] and out[1], each [H*W]. */
    float[][] forward(float[] x, int t) {
        int width = arch.featureWidth();
        int pixels = size * size;
        float[] features = new float[pixels * width];
        int offset = 0;
        for (int s = 0; s < scales.length; s++) {
            int k = scales[s];
            int hs = size / k;
            int c = arch.channelsAt(s);
            float[] h = downsample(x, k);
            int cin = 1;
            for (int l = 0; l < arch.convsPerScale(); l++) {
                h = conv(h, hs, cin, c, convW[s][l], convB[s][l]);
                cin = c;
            }
            // nearest-neighbour upsampling, summed into the features (or written to this scale's channels)
            for (int y = 0; y < size; y++) {
                for (int xx = 0; xx < size; xx++) {
                    int src = ((y / k) * hs + xx / k) * c;
                    int dst = (y * size + xx) * width + offset;
                    for (int ch = 0; ch < c; ch++) {
                        features[dst + ch] += h[src + ch];
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
            float[] g = globalPath(x);
            for (int px = 0; px < pixels; px++) {
                System.arraycopy(g, px * k, features, px * width + from, k);
            }
        }
        for (int l = 0; l < postW.length; l++) {
            features = conv(features, size, l == 0 ? width : arch.postChannels(), arch.postChannels(), postW[l], postB[l]);
        }
        width = arch.denseInputWidth();
        int f = arch.denseWidth();
        int j = arch.bumps();
        double[] g = TemporalBumps.weights(t, steps, j);
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
        float[] d = new float[f];
        for (int px = 0; px < pixels; px++) {
            System.arraycopy(denseB, 0, d, 0, f);
            int base = px * width;
            for (int ch = 0; ch < width; ch++) {
                float v = features[base + ch];
                int row = ch * f;
                for (int u = 0; u < f; u++) {
                    d[u] += v * denseW[row + u];
                }
            }
            float zm = bMix[0];
            float zs = bMix[1];
            for (int u = 0; u < f; u++) {
                float a = d[u] > 0 ? d[u] : (float) ImageNetwork.LEAK * d[u];
                zm += a * wMix[u * 2];
                zs += a * wMix[u * 2 + 1];
            }
            z[0][px] = zm;
            z[1][px] = zs;
        }
        return z;
    }

    private float[] downsample(float[] x, int k) {
        if (k == 1) {
            return x.clone();
        }
        int hs = size / k;
        float[] out = new float[hs * hs];
        float inv = 1f / (k * k);
        for (int y = 0; y < size; y++) {
            for (int xx = 0; xx < size; xx++) {
                out[(y / k) * hs + xx / k] += x[y * size + xx];
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] *= inv;
        }
        return out;
    }

    /** 3x3 same-padded convolution of an [hs*hs, cin] map, then the leaky ReLU. */
    private static float[] conv(float[] in, int hs, int cin, int cout, float[] w, float[] b) {
        float[] out = new float[hs * hs * cout];
        for (int y = 0; y < hs; y++) {
            for (int x = 0; x < hs; x++) {
                int o = (y * hs + x) * cout;
                System.arraycopy(b, 0, out, o, cout);
                for (int k = 0; k < 9; k++) {
                    int yy = y + k / 3 - 1;
                    int xx = x + k % 3 - 1;
                    if (yy < 0 || yy >= hs || xx < 0 || xx >= hs) {
                        continue;
                    }
                    int src = (yy * hs + xx) * cin;
                    for (int i = 0; i < cin; i++) {
                        float v = in[src + i];
                        int row = (k * cin + i) * cout;
                        for (int q = 0; q < cout; q++) {
                            out[o + q] += v * w[row + q];
                        }
                    }
                }
                for (int q = 0; q < cout; q++) {
                    float v = out[o + q];
                    out[o + q] = v > 0 ? v : (float) ImageNetwork.LEAK * v;
                }
            }
        }
        return out;
    }
}
