package org.diffusionlab.engine.image;

import java.util.Arrays;
import java.util.Locale;

/**
 * The shape of the convolutional reverse kernel, following the paper's image network at reduced size: the image at
 * several resolutions ({@code scales}: 1 = full, 2 = half, ...), each convolved by {@code convsPerScale} 3x3 layers of
 * {@code channels} channels, upsampled back and summed; then one 1x1 dense layer of {@code denseWidth} units and a 1x1
 * readout of 2J numbers per pixel, mixed over t by J temporal bump functions.
 *
 * <p>Written as text like {@code ms:c16x2@1,2,4/d32/j10} (the form stored in model files and typed on the command line).
 */
public record ConvArchitecture(int channels, int convsPerScale, int[] scales, int denseWidth, int bumps) {

    /** The default: about 9,000 parameters, a few hundred images a second of training on one core. */
    public static final ConvArchitecture DEFAULT = new ConvArchitecture(16, 2, new int[]{1, 2, 4}, 32, 10);

    public ConvArchitecture {
        if (channels < 1 || channels > 256) {
            throw new IllegalArgumentException("Channels must be 1 to 256, got " + channels);
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
    }

    /** Parses the text form, e.g. {@code ms:c16x2@1,2,4/d32/j10}; "default" names {@link #DEFAULT}. */
    public static ConvArchitecture parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("default")) {
            return DEFAULT;
        }
        try {
            if (!s.startsWith("ms:c")) {
                throw new IllegalArgumentException();
            }
            String[] parts = s.substring(4).split("/");
            if (parts.length != 3 || !parts[1].startsWith("d") || !parts[2].startsWith("j")) {
                throw new IllegalArgumentException();
            }
            int x = parts[0].indexOf('x');
            int at = parts[0].indexOf('@');
            int channels = Integer.parseInt(parts[0].substring(0, x));
            int convs = Integer.parseInt(parts[0].substring(x + 1, at));
            int[] scales = Arrays.stream(parts[0].substring(at + 1).split(",")).mapToInt(Integer::parseInt).toArray();
            return new ConvArchitecture(channels, convs, scales, Integer.parseInt(parts[1].substring(1)),
                    Integer.parseInt(parts[2].substring(1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            if (e.getMessage() != null && !(e instanceof NumberFormatException)) {
                throw new IllegalArgumentException("Architecture '" + text + "': " + e.getMessage(), e);
            }
            throw new IllegalArgumentException("Architecture '" + text + "' is not of the form ms:cCHANNELSxCONVS@SCALES/dWIDTH/jBUMPS, "
                    + "e.g. ms:c16x2@1,2,4/d32/j10", e);
        }
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
        StringBuilder sb = new StringBuilder("ms:c").append(channels).append('x').append(convsPerScale).append('@');
        for (int i = 0; i < scales.length; i++) {
            sb.append(i > 0 ? "," : "").append(scales[i]);
        }
        return sb.append("/d").append(denseWidth).append("/j").append(bumps).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvArchitecture a && a.channels == channels && a.convsPerScale == convsPerScale
                && Arrays.equals(a.scales, scales) && a.denseWidth == denseWidth && a.bumps == bumps;
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public int[] scales() {
        return scales.clone();
    }
}
