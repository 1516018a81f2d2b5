package org.diffusionlab.engine.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The shape of the convolutional reverse kernel, following the paper's image network at reduced size: the image at
 * several resolutions ({@code scales}: 1 = full, 2 = half, ...), each convolved by {@code convsPerScale} 3x3 layers of
 * {@code channels} channels, upsampled back and summed; then one 1x1 dense layer of {@code denseWidth} units and a 1x1
 * readout of 2J numbers per pixel, mixed over t by J temporal bump functions.
 *
 * <p>Written as text like {@code ms:c16x2@1,2,4/d32/j10} (the form stored in model files and typed on the command line).
 * A list of channel counts, one per scale ({@code ms:c16,32,64x2@1,2,4/d32/j10}), gives each scale its own width and
 * concatenates the upsampled maps instead of summing them: the coarse scales, which see the whole image and cost a
 * sixteenth or less of the full-resolution convolutions, can then be made wide cheaply.
 *
 * <p>An optional whole-image path, as the paper's released code has beside its convolutions ("dense lower" layers):
 * the flattened image through fully connected hidden layers to {@code globalChannels} numbers per pixel, appended to
 * the per-pixel features. Written {@code /gH[,H...]xK} after the scales, e.g. {@code ms:c16x2@1,2,4/g256x2/d32/j10}.
 * It gives every pixel the whole image's shape at a cost far below a convolution's.
 *
 * <p>An optional full-resolution stack after the scales are joined, written {@code /pCxL} after the whole-image path
 * (if any) and before the dense layer (e.g. {@code ms:c32x2@1,2,4/g256x2/p32x2/d32/j10}): L 3x3 convolutions of C
 * channels over the joined features (and the whole-image path's), so that the coarse scales' nearest-neighbour
 * upsampled maps are mixed with their neighbours' at full resolution instead of reaching the per-pixel layers as 2x2
 * or 4x4 blocks.
 *
 * <p>An optional step-dependent bias on every hidden layer, written {@code /tb} at the end (e.g.
 * {@code ms:c32x2@1,2,4/g256x2/p32x2/d32/j10/tb}): each hidden unit's bias becomes b + sum_j g_j(t) B_j, mixed by the
 * same J temporal bumps as the readout, so the features themselves can depend on the noise level, as in the per-block
 * time embedding of Ho et al. (2020). This departs from the paper, whose lower layers are shared by every step and
 * whose only dependence on t is the readout's mix. The B_j start at zero, so a network given them is at first the same
 * function as without.
 *
 * <p>Chained scales, written {@code hs:} instead of {@code ms:} (e.g. {@code hs:c32x2@1,2,4/p32x2/d32/j10/tb}): each
 * coarser scale convolves the previous scale's output, averaged down, instead of the image averaged down, as the
 * encoder of a U-Net does (Ronneberger et al. 2015; Ho et al. 2020's network is one). At the same cost the coarse
 * features are then computed by all the layers above them: at scales 1, 2, 4 with two convolutions each, six layers
 * deep with a receptive field of 32 pixels (a whole 28 x 28 image), where the paper's parallel scales are two layers
 * deep each (5, 10 and 20 pixels). The maps are joined as before (nearest-neighbour upsampled, summed or concatenated). Each scale must
 * divide the next.
 *
 * @param channels       channels of every scale (summed form), or of the first scale (concatenated form)
 * @param scaleChannels  channels per scale in the concatenated form, or null for the summed form
 * @param globalHidden   widths of the whole-image path's hidden layers; empty for none
 * @param globalChannels numbers per pixel the whole-image path adds (0 when there is none)
 * @param postChannels   channels of the full-resolution stack after the join (0 when there is none)
 * @param postConvs      3x3 convolutions in that stack (0 when there is none)
 * @param stepBiases     whether every hidden layer has a bias mixed over t by the temporal bumps
 * @param chained        whether each coarser scale convolves the previous scale's output rather than the image
 */
public record ConvArchitecture(int channels, int convsPerScale, int[] scales, int denseWidth, int bumps,
                               int[] scaleChannels, int[] globalHidden, int globalChannels,
                               int postChannels, int postConvs, boolean stepBiases, boolean chained) {

    /** The default: about 9,000 parameters, a few hundred images a second of training on one core. */
    public static final ConvArchitecture DEFAULT = new ConvArchitecture(16, 2, new int[]{1, 2, 4}, 32, 10);

    /** The summed form: every scale has {@code channels} channels. */
    public ConvArchitecture(int channels, int convsPerScale, int[] scales, int denseWidth, int bumps) {
        this(channels, convsPerScale, scales, denseWidth, bumps, null, new int[0], 0, 0, 0, false, false);
    }

    /** The same with a whole-image path of the given hidden widths and outputs per pixel. */
    public ConvArchitecture withGlobalPath(int[] hidden, int perPixel) {
        return new ConvArchitecture(channels, convsPerScale, scales, denseWidth, bumps, scaleChannels, hidden, perPixel,
                postChannels, postConvs, stepBiases, chained);
    }

    /** The same with a full-resolution stack of {@code convs} 3x3 convolutions of {@code width} channels after the join. */
    public ConvArchitecture withPostConvolutions(int width, int convs) {
        checkPostConvolutions(width, convs, true);
        return new ConvArchitecture(channels, convsPerScale, scales, denseWidth, bumps, scaleChannels, globalHidden,
                globalChannels, width, convs, stepBiases, chained);
    }

    /** The same with (or without) a bias mixed over t on every hidden layer. */
    public ConvArchitecture withStepBiases(boolean on) {
        return new ConvArchitecture(channels, convsPerScale, scales, denseWidth, bumps, scaleChannels, globalHidden,
                globalChannels, postChannels, postConvs, on, chained);
    }

    /** The same with each coarser scale convolving the previous scale's output (true) or the image (false). */
    public ConvArchitecture withChainedScales(boolean on) {
        return new ConvArchitecture(channels, convsPerScale, scales, denseWidth, bumps, scaleChannels, globalHidden,
                globalChannels, postChannels, postConvs, stepBiases, on);
    }

    /** The concatenated form: scale i has {@code perScale[i]} channels. */
    public static ConvArchitecture concatenated(int[] perScale, int convsPerScale, int[] scales, int denseWidth, int bumps) {
        if (perScale == null || perScale.length == 0) {
            throw new IllegalArgumentException("Give one channel count per scale");
        }
        return new ConvArchitecture(perScale[0], convsPerScale, scales, denseWidth, bumps, perScale, new int[0], 0, 0, 0,
                false, false);
    }

    public ConvArchitecture {
        if (channels < 1 || channels > 256) {
            throw new IllegalArgumentException("Channels must be 1 to 256, got " + channels);
        }
        if (scaleChannels != null) {
            scaleChannels = scaleChannels.clone();
            if (scales != null && scaleChannels.length != scales.length) {
                throw new IllegalArgumentException("Give one channel count per scale: " + scaleChannels.length
                        + " counts for " + scales.length + " scales");
            }
            for (int c : scaleChannels) {
                if (c < 1 || c > 256) {
                    throw new IllegalArgumentException("Channels must be 1 to 256, got " + c);
                }
            }
            channels = scaleChannels[0];
        }
        if (convsPerScale < 1 || convsPerScale > 8) {
            throw new IllegalArgumentException("Convolutions per scale must be 1 to 8, got " + convsPerScale);
        }
        if (scales == null || scales.length == 0 || scales.length > 6) {
            throw new IllegalArgumentException("Give 1 to 6 scales");
        }
        scales = scales.clone();
        for (int i = 0; i < scales.length; i++) {
            if (scales[i] < 1 || scales[i] > 16 || (i > 0 && scales[i] <= scales[i - 1])) {
                throw new IllegalArgumentException("Scales must increase strictly within 1..16, got " + Arrays.toString(scales));
            }
        }
        if (denseWidth < 1 || denseWidth > 1024) {
            throw new IllegalArgumentException("Dense width must be 1 to 1024, got " + denseWidth);
        }
        if (bumps < 1 || bumps > 100) {
            throw new IllegalArgumentException("Temporal bumps J must be 1 to 100, got " + bumps);
        }
        globalHidden = globalHidden == null ? new int[0] : globalHidden.clone();
        if (globalHidden.length > 4) {
            throw new IllegalArgumentException("The whole-image path takes 0 to 4 hidden layers, got " + globalHidden.length);
        }
        for (int h : globalHidden) {
            if (h < 1 || h > 4096) {
                throw new IllegalArgumentException("Whole-image hidden widths must be 1 to 4096, got " + h);
            }
        }
        if (globalChannels < 0 || globalChannels > 16 || (globalChannels == 0) != (globalHidden.length == 0)) {
            throw new IllegalArgumentException("The whole-image path needs hidden layers and 1 to 16 outputs per pixel, got "
                    + Arrays.toString(globalHidden) + " and " + globalChannels);
        }
        checkPostConvolutions(postChannels, postConvs, false);
        if (chained) {
            for (int i = 1; i < scales.length; i++) {
                if (scales[i] % scales[i - 1] != 0) {
                    throw new IllegalArgumentException("Chained scales must each divide the next, got "
                            + Arrays.toString(scales));
                }
            }
        }
    }

    /** Channels the first convolution of a scale reads: the image's one, or the previous scale's when chained. */
    public int inputChannelsAt(int scaleIndex) {
        return chained && scaleIndex > 0 ? channelsAt(scaleIndex - 1) : 1;
    }

    /** A full-resolution stack has 1..256 channels and 1..8 convolutions; 0 and 0 mean none, unless one is required. */
    private static void checkPostConvolutions(int width, int convs, boolean required) {
        boolean none = width == 0 && convs == 0;
        if (none ? required : width < 1 || width > 256 || convs < 1 || convs > 8) {
            throw new IllegalArgumentException("The full-resolution stack after the join needs 1 to 256 channels and 1 to 8 "
                    + "convolutions, got " + width + " and " + convs);
        }
    }

    /** Whether there is a full-resolution convolution stack after the join. */
    public boolean hasPostConvolutions() {
        return postConvs > 0;
    }

    /** Whether there is a whole-image path. */
    public boolean hasGlobalPath() {
        return globalChannels > 0;
    }

    /** The text form's beginnings: the paper's parallel scales, and chained ones. */
    private static final String PARALLEL_PREFIX = "ms:c";
    private static final String CHAINED_PREFIX = "hs:c";

    /** The text form's ending for step-dependent biases. */
    private static final String STEP_BIASES = "/tb";

    /** Parses the text form, e.g. {@code ms:c16x2@1,2,4/d32/j10}; "default" names {@link #DEFAULT}. */
    public static ConvArchitecture parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("default")) {
            return DEFAULT;
        }
        try {
            boolean chained = s.startsWith(CHAINED_PREFIX);
            if (!s.startsWith(PARALLEL_PREFIX) && !chained) {
                throw new IllegalArgumentException();
            }
            boolean stepBiases = s.endsWith(STEP_BIASES);
            if (stepBiases) {
                s = s.substring(0, s.length() - STEP_BIASES.length());
            }
            List<String> split = new ArrayList<>(List.of(s.substring(4).split("/")));
            int[] globalHidden = new int[0];
            int globalChannels = 0;
            if (split.size() >= 4 && split.get(1).startsWith("g") && split.get(1).contains("x")) {
                String g = split.remove(1).substring(1);
                int gx = g.indexOf('x');
                globalHidden = Arrays.stream(g.substring(0, gx).split(",")).mapToInt(Integer::parseInt).toArray();
                globalChannels = Integer.parseInt(g.substring(gx + 1));
            }
            int postChannels = 0;
            int postConvs = 0;
            boolean post = split.size() == 4 && split.get(1).startsWith("p") && split.get(1).contains("x");
            if (post) {
                String q = split.remove(1).substring(1);
                int qx = q.indexOf('x');
                postChannels = Integer.parseInt(q.substring(0, qx));
                postConvs = Integer.parseInt(q.substring(qx + 1));
            }
            String[] parts = split.toArray(new String[0]);
            if (parts.length != 3 || !parts[1].startsWith("d") || !parts[2].startsWith("j")) {
                throw new IllegalArgumentException();
            }
            int x = parts[0].indexOf('x');
            int at = parts[0].indexOf('@');
            int[] channels = Arrays.stream(parts[0].substring(0, x).split(",")).mapToInt(Integer::parseInt).toArray();
            int convs = Integer.parseInt(parts[0].substring(x + 1, at));
            int[] scales = Arrays.stream(parts[0].substring(at + 1).split(",")).mapToInt(Integer::parseInt).toArray();
            int dense = Integer.parseInt(parts[1].substring(1));
            int bumps = Integer.parseInt(parts[2].substring(1));
            ConvArchitecture a = channels.length == 1 ? new ConvArchitecture(channels[0], convs, scales, dense, bumps)
                    : concatenated(channels, convs, scales, dense, bumps);
            a = globalChannels == 0 && globalHidden.length == 0 ? a : a.withGlobalPath(globalHidden, globalChannels);
            a = post ? a.withPostConvolutions(postChannels, postConvs) : a;
            return a.withStepBiases(stepBiases).withChainedScales(chained);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            if (e.getMessage() != null && !(e instanceof NumberFormatException)) {
                throw new IllegalArgumentException("Architecture '" + text + "': " + e.getMessage(), e);
            }
            throw new IllegalArgumentException("Architecture '" + text + "' is not of the form ms:cCHANNELSxCONVS@SCALES/dWIDTH/jBUMPS, "
                    + "e.g. ms:c16x2@1,2,4/d32/j10, ms:c16,32,64x2@1,2,4/d32/j10, ms:c16x2@1,2,4/g256x2/d32/j10 or "
                    + "ms:c16x2@1,2,4/g256x2/p32x2/d32/j10, with /tb at the end for biases that depend on t, or hs: "
                    + "instead of ms: for chained scales", e);
        }
    }

    /** Whether the scales' maps are concatenated (each its own width) rather than summed. */
    public boolean concatenated() {
        return scaleChannels != null;
    }

    /** Channels of the scale with the given index (0 = the first listed). */
    public int channelsAt(int scaleIndex) {
        return scaleChannels != null ? scaleChannels[scaleIndex] : channels;
    }

    /** Width of the convolutions' feature map: the common width, or the sum of the scales' widths. */
    public int convWidth() {
        return scaleChannels != null ? Arrays.stream(scaleChannels).sum() : channels;
    }

    /** Width of the joined per-pixel features: the convolutions' then the whole-image path's. */
    public int featureWidth() {
        return convWidth() + globalChannels;
    }

    /** Width of what the dense layer reads: the full-resolution stack's output, or else the joined features. */
    public int denseInputWidth() {
        return hasPostConvolutions() ? postChannels : featureWidth();
    }

    /** Whether images of this side length split evenly at every scale. */
    public void checkImageSize(int size) {
        for (int s : scales) {
            if (size % s != 0) {
                throw new IllegalArgumentException("Image size " + size + " is not divisible by scale " + s);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(chained ? CHAINED_PREFIX : PARALLEL_PREFIX);
        if (scaleChannels == null) {
            sb.append(channels);
        } else {
            for (int i = 0; i < scaleChannels.length; i++) {
                sb.append(i > 0 ? "," : "").append(scaleChannels[i]);
            }
        }
        sb.append('x').append(convsPerScale).append('@');
        for (int i = 0; i < scales.length; i++) {
            sb.append(i > 0 ? "," : "").append(scales[i]);
        }
        if (hasGlobalPath()) {
            sb.append("/g");
            for (int i = 0; i < globalHidden.length; i++) {
                sb.append(i > 0 ? "," : "").append(globalHidden[i]);
            }
            sb.append('x').append(globalChannels);
        }
        if (hasPostConvolutions()) {
            sb.append("/p").append(postChannels).append('x').append(postConvs);
        }
        sb.append("/d").append(denseWidth).append("/j").append(bumps);
        return (stepBiases ? sb.append(STEP_BIASES) : sb).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvArchitecture a && a.channels == channels && a.convsPerScale == convsPerScale
                && Arrays.equals(a.scales, scales) && a.denseWidth == denseWidth && a.bumps == bumps
                && Arrays.equals(a.scaleChannels, scaleChannels) && Arrays.equals(a.globalHidden, globalHidden)
                && a.globalChannels == globalChannels && a.postChannels == postChannels && a.postConvs == postConvs
                && a.stepBiases == stepBiases && a.chained == chained;
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public int[] scales() {
        return scales.clone();
    }

    @Override
    public int[] globalHidden() {
        return globalHidden.clone();
    }

    @Override
    public int[] scaleChannels() {
        return scaleChannels == null ? null : scaleChannels.clone();
    }
}
