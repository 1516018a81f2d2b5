package org.diffusionlab.engine.binomial;

import java.util.Arrays;
import java.util.Locale;

/**
 * The shape of the reverse network: hidden layer widths and non-linearity, the number J of temporal bump functions,
 * and how its output becomes the kernel (see {@link Parameterisation}). Written as text like {@code sigmoid:50,50,50}.
 *
 * @param activation    hidden-unit non-linearity
 * @param widths        hidden layer widths, bottom first
 * @param bumps         J, the temporal bump functions the time-dependent parts mix
 * @param parameterisation how the output becomes p(x_{t-1} | x_t)
 */
public record BinomialArchitecture(Activation activation, int[] widths, int bumps, Parameterisation parameterisation) {

    /** Hidden-unit non-linearities. */
    public enum Activation { SIGMOID, TANH }

    public static final int MAX_WIDTH = 1024;
    public static final int MAX_LAYERS = 6;
    public static final int MAX_BUMPS = 64;

    public BinomialArchitecture {
        widths = widths.clone();
        if (widths.length < 1 || widths.length > MAX_LAYERS) {
            throw new IllegalArgumentException("the network needs 1 to " + MAX_LAYERS + " hidden layers, got " + widths.length);
        }
        for (int w : widths) {
            if (w < 1 || w > MAX_WIDTH) {
                throw new IllegalArgumentException("hidden layer widths must be 1 to " + MAX_WIDTH + ", got " + w);
            }
        }
        if (bumps < 1 || bumps > MAX_BUMPS) {
            throw new IllegalArgumentException("the number of temporal bumps must be 1 to " + MAX_BUMPS + ", got " + bumps);
        }
        if (activation == null || parameterisation == null) {
            throw new IllegalArgumentException("activation and parameterisation are required");
        }
    }

    /** Parses {@code KIND:W[,W...]} (KIND sigmoid or tanh), e.g. {@code sigmoid:50,50,50}. */
    public static BinomialArchitecture parse(String layers, int bumps, Parameterisation parameterisation) {
        String s = layers == null ? "" : layers.trim().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("network must be KIND:WIDTH[,WIDTH...] with KIND sigmoid or tanh, got '" + layers + "'");
        }
        Activation a = switch (s.substring(0, colon)) {
            case "sigmoid" -> Activation.SIGMOID;
            case "tanh" -> Activation.TANH;
            default -> throw new IllegalArgumentException("network kind must be sigmoid or tanh, got '" + s.substring(0, colon) + "'");
        };
        String[] parts = s.substring(colon + 1).split(",");
        int[] w = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                w[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("network widths must be whole numbers, got '" + parts[i].trim() + "'");
            }
        }
        return new BinomialArchitecture(a, w, bumps, parameterisation);
    }

    /** The layers as text, e.g. {@code sigmoid:50,50,50} (what {@link #parse} reads). */
    public String layersText() {
        StringBuilder sb = new StringBuilder(activation.name().toLowerCase(Locale.ROOT)).append(':');
        for (int i = 0; i < widths.length; i++) {
            sb.append(i > 0 ? "," : "").append(widths[i]);
        }
        return sb.toString();
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    public int layers() {
        return widths.length;
    }

    public int width(int layer) {
        return widths[layer];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinomialArchitecture b && b.activation == activation && Arrays.equals(b.widths, widths)
                && b.bumps == bumps && b.parameterisation == parameterisation;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(widths) * 31 + activation.hashCode() * 7 + bumps * 3 + parameterisation.hashCode();
    }

    @Override
    public String toString() {
        return layersText() + ", " + bumps + " temporal bumps, " + parameterisation.label();
    }
}
