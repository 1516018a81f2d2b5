package org.diffusionlab.engine.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Shape of the reverse-kernel network: shared lower layers and one linear readout per time step (the paper's
 * swiss-roll design). The first layer is either dense or radial-basis-function units; it may also carry a bias per
 * time step, which lets every layer depend on t at the cost of T x width parameters.
 *
 * @param name          preset name, shown to the user
 * @param firstLayer    kind of the first hidden layer
 * @param activation    non-linearity of dense hidden layers
 * @param hiddenWidths  width of each hidden layer, lowest first (at least one)
 * @param perStepInputBias whether the first layer has a bias per time step
 * @param localLinearReadout whether the readout sees each top unit's output h_k also multiplied by each input
 *                      coordinate (h_k, h_k x_1, ..., h_k x_d): every unit then carries a linear function of x rather
 *                      than a constant, so a few units describe a curve's local projection exactly
 */
public record MlpArchitecture(String name, FirstLayer firstLayer, Activation activation, int[] hiddenWidths,
                              boolean perStepInputBias, boolean localLinearReadout) {

    /** The first hidden layer's kind. */
    public enum FirstLayer { DENSE, RBF }

    public MlpArchitecture {
        if (hiddenWidths == null || hiddenWidths.length == 0) {
            throw new IllegalArgumentException("The network needs at least one hidden layer");
        }
        for (int w : hiddenWidths) {
            if (w < 1 || w > 4096) {
                throw new IllegalArgumentException("Hidden layer width must be between 1 and 4096, got " + w);
            }
        }
        hiddenWidths = hiddenWidths.clone();
    }

    /** An architecture with the plain readout (one weight per top unit). */
    public MlpArchitecture(String name, FirstLayer firstLayer, Activation activation, int[] hiddenWidths,
                           boolean perStepInputBias) {
        this(name, firstLayer, activation, hiddenWidths, perStepInputBias, false);
    }

    /** The paper's swiss-roll network: one hidden layer of 16 radial-basis-function units, a readout per step. */
    public static MlpArchitecture paper() {
        return new MlpArchitecture("paper", FirstLayer.RBF, Activation.TANH, new int[]{16}, false);
    }

    /** The default: the architecture that reaches a good bound fastest on two CPU cores (see `bench`). */
    public static MlpArchitecture standard() {
        // Localised RBF units fit the thin roll far faster than tanh units (measured: after 25 s, -1.29 bits with
        // 64 RBF units vs -3.04 with a 64-64 tanh network); the per-step bias lets each unit fade in and out with t.
        return new MlpArchitecture("default", FirstLayer.RBF, Activation.TANH, new int[]{64}, true);
    }

    /** A larger network for long runs (the paper preset of the training setup). */
    public static MlpArchitecture large() {
        // Measured on the paper setup, 600 s: 256 RBF units reach K = 2.28 bits; adding a tanh layer of 64 reaches the
        // same 2.27 at half the iterations per second, so the faster network stays the preset.
        return new MlpArchitecture("large", FirstLayer.RBF, Activation.TANH, new int[]{256}, true);
    }

    public static List<String> presetNames() {
        return List.of("default", "paper", "large");
    }

    /** A preset by name, or IllegalArgumentException naming the valid ones. */
    public static MlpArchitecture preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "default", "standard" -> standard();
            case "paper" -> paper();
            case "large" -> large();
            default -> parseCustom(name);
        };
    }

    /**
     * A custom architecture written as {@code kind:w1,w2[+bias][+local]}, kind one of rbf, tanh, softplus, relu (the
     * first layer's units; later layers use tanh for rbf), e.g. {@code rbf:64,64+bias}; {@code +local} gives the
     * locally linear readout.
     */
    private static MlpArchitecture parseCustom(String spec) {
        String s = spec.toLowerCase(Locale.ROOT).trim();
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("Unknown architecture '" + spec + "'; choose one of " + presetNames()
                    + " or write kind:width,width[+bias][+local] (kind rbf, tanh, softplus or relu)");
        }
        String kind = s.substring(0, colon);
        String rest = s.substring(colon + 1);
        boolean bias = false;
        boolean local = false;
        while (rest.endsWith("+bias") || rest.endsWith("+local")) {
            boolean isBias = rest.endsWith("+bias");
            bias |= isBias;
            local |= !isBias;
            rest = rest.substring(0, rest.lastIndexOf('+'));
        }
        int[] widths;
        try {
            widths = java.util.Arrays.stream(rest.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Architecture '" + spec + "': widths must be whole numbers separated by commas");
        }
        FirstLayer first = kind.equals("rbf") ? FirstLayer.RBF : FirstLayer.DENSE;
        Activation act = switch (kind) {
            case "rbf", "tanh" -> Activation.TANH;
            case "softplus" -> Activation.SOFTPLUS;
            case "relu" -> Activation.LEAKY_RELU;
            default -> throw new IllegalArgumentException("Architecture '" + spec + "': unknown unit kind '" + kind
                    + "' (rbf, tanh, softplus or relu)");
        };
        return new MlpArchitecture(s, first, act, widths, bias, local);
    }

    /** True if the name is a preset or a valid custom specification. */
    public static boolean isValid(String name) {
        try {
            preset(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public int[] hiddenWidths() {
        return hiddenWidths.clone();
    }

    public int layers() {
        return hiddenWidths.length;
    }

    public int width(int layer) {
        return hiddenWidths[layer];
    }

    /** How many features the per-step readout sees for inputs of {@code dims} coordinates. */
    public int readoutWidth(int dims) {
        int top = hiddenWidths[hiddenWidths.length - 1];
        return localLinearReadout ? top * (1 + dims) : top;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MlpArchitecture a && a.name.equals(name) && a.firstLayer == firstLayer
                && a.activation == activation && Arrays.equals(a.hiddenWidths, hiddenWidths)
                && a.perStepInputBias == perStepInputBias && a.localLinearReadout == localLinearReadout;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(hiddenWidths);
    }

    @Override
    public String toString() {
        return name + " (" + firstLayer + " " + Arrays.toString(hiddenWidths) + ", " + activation
                + (perStepInputBias ? ", per-step input bias" : "")
                + (localLinearReadout ? ", locally linear per-step readout)" : ", per-step readout)");
    }
}
