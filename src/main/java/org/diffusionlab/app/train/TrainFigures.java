package org.diffusionlab.app.train;

import java.util.List;
import java.util.Locale;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import org.diffusionlab.engine.train.Snapshot;
import org.diffusionlab.engine.train.TrainingConfig;

/**
 * The 2-D Train pane's figures in words, for its explanation panel: K and where its bits go (network against the
 * best Gaussian kernel, best kernel against the data's ceiling), beside the paper's Table 1, and the equations'
 * symbols with this run's values. Derived from the view model's snapshots and background analysis; it formats, it
 * does not compute anything the engine has not.
 */
public final class TrainFigures {

    /** The paper's Table 1, swiss roll: K and K - L_null, bits per point. */
    public static final double PAPER_K_BITS = 2.35;
    public static final double PAPER_K_MINUS_NULL_BITS = 6.45;

    private final TrainViewModel vm;
    private final ReadOnlyStringWrapper holdoutK = new ReadOnlyStringWrapper("\u2014");
    private final ReadOnlyStringWrapper evaluatedK = new ReadOnlyStringWrapper("\u2014");
    private final ReadOnlyStringWrapper kMinusNull = new ReadOnlyStringWrapper("\u2014");
    private final ReadOnlyStringWrapper logLikelihood = new ReadOnlyStringWrapper("\u2014");
    private final ReadOnlyStringWrapper bestKernel = new ReadOnlyStringWrapper("\u2014");
    private final ReadOnlyStringWrapper ceiling = new ReadOnlyStringWrapper("\u2014");
    private final ReadOnlyStringWrapper nullBits = new ReadOnlyStringWrapper("\u2014");
    private final ReadOnlyStringWrapper networkGap = new ReadOnlyStringWrapper("\u2014");
    private final ReadOnlyStringWrapper kernelGap = new ReadOnlyStringWrapper("\u2014");
    private final ReadOnlyStringWrapper comparison = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper liveLatex = new ReadOnlyStringWrapper("");

    public TrainFigures(TrainViewModel vm) {
        this.vm = vm;
        vm.snapshotProperty().addListener((o, a, s) -> refresh());
        vm.analysis().dataProperty().addListener((o, a, d) -> refresh());
        vm.analysis().nullBitsProperty().addListener((o, a, b) -> refresh());
        vm.analysis().logLikelihoods().addListener((ListChangeListener<TrainAnalysis.LogLikelihoodPoint>) c -> refresh());
        refresh();
    }

    private void refresh() {
        Snapshot s = vm.snapshotProperty().get();
        TrainAnalysis.DataView data = vm.analysis().dataProperty().get();
        double lNull = vm.analysis().nullBitsProperty().get();
        double k = s == null ? Double.NaN : s.holdoutKBits();
        double ceil = data == null ? Double.NaN : data.ceilingBits();
        List<TrainAnalysis.LogLikelihoodPoint> points = vm.analysis().logLikelihoods();
        TrainAnalysis.LogLikelihoodPoint last = points.isEmpty() ? null : points.get(points.size() - 1);

        holdoutK.set(bits(k));
        evaluatedK.set(last == null ? "\u2014 (every ~10 s)"
                : String.format(Locale.ROOT, "%s \u00b1 %.3f (it. %,d)", signed(last.kBits()), last.kStandardErrorBits(), last.iteration()));
        kMinusNull.set(bits(k - lNull));
        logLikelihood.set(last == null ? "\u2014 (every ~10 s)" : bits(last.bits()));
        double best = last == null ? Double.NaN : last.bestKernelBits();
        bestKernel.set(Double.isFinite(best) ? bits(best) : last == null ? "\u2014 (every ~10 s)" : "\u2014 (swiss roll only)");
        ceiling.set(Double.isFinite(ceil) ? bits(ceil) : "\u2014 (swiss roll only)");
        nullBits.set(bits(lNull));
        networkGap.set(Double.isFinite(best) && Double.isFinite(k) ? bits(best - k) : "\u2014");
        kernelGap.set(Double.isFinite(best) && Double.isFinite(ceil) ? bits(ceil - best) : "\u2014");
        comparison.set(comparisonSentence(vm.runConfig() != null ? vm.runConfig() : TrainingConfig.defaults(), ceil));
        liveLatex.set(live(s, lNull));
    }

    /** Why this run's K and the paper's 2.35 differ (or that this is the paper's setup). */
    static String comparisonSentence(TrainingConfig c, double ceilingBits) {
        if (!c.dataset().equals("swissroll")) {
            return "The paper reports the swiss roll only (K = 2.35 bits); this data set has no figure in the paper.";
        }
        boolean paperSetup = c.noiseStd() == 0 && c.beta1() == TrainingConfig.paper().beta1() && c.steps() == 40;
        String ceil = Double.isFinite(ceilingBits) ? String.format(Locale.ROOT, "%.2f", ceilingBits) : "\u2026";
        if (paperSetup) {
            return "This is the paper's setup (noise-free roll, \u03b2\u2081 = 10\u207b\u2075, T = 40): its K can be set "
                    + "beside the paper's 2.35 bits. Compare it with the best Gaussian kernel (the triangles, computed "
                    + "from the roll's known density): no network of the paper's diagonal form can pass it.";
        }
        return String.format(Locale.ROOT, "Why not the paper's 2.35 bits? This run's roll has noise %s and "
                + "\u03b2\u2081 = %s, which puts the ceiling near %s bits: no model can score above it. The paper's figure "
                + "is for the noise-free roll with \u03b2\u2081 = 10\u207b\u2075, whose ceiling lies far higher (switch "
                + "below to compute it).",
                trim(c.noiseStd()), trim(c.beta1()), ceil);
    }

    private String live(Snapshot s, double lNull) {
        if (s == null) {
            return "";
        }
        double[] b = s.betas();
        int t = b.length;
        int mid = Math.max(2, t / 2);
        return String.format(Locale.ROOT, "K = %s\\ \\text{bits},\\quad K - L_{null} = %s,\\quad "
                        + "\\beta_{%d} = %.3g,\\ \\beta_{%d} = %.3g,\\quad T = %d",
                latexNumber(s.holdoutKBits()), latexNumber(s.holdoutKBits() - lNull), mid, b[mid - 1], t, b[t - 1], t);
    }

    private static String latexNumber(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v).replace("-", "{-}") : "?";
    }

    private static String bits(double v) {
        return Double.isFinite(v) ? signed(v) + " bits" : "\u2014";
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%.3f", v).replace('-', '\u2212');
    }

    /** 0.1 as "0.1", 1e-3 as "10⁻³", 2e-4 as "2·10⁻⁴". */
    static String trim(double v) {
        if (v == 0 || v >= 1e-2) {
            return String.format(Locale.ROOT, "%s", v);
        }
        int exponent = (int) Math.floor(Math.log10(v) + 1e-9);
        double mantissa = v / Math.pow(10, exponent);
        String power = "10" + superscript("\u2212" + Math.abs(exponent));
        return Math.abs(mantissa - 1) < 1e-9 ? power : String.format(Locale.ROOT, "%.3g\u00b7%s", mantissa, power);
    }

    private static String superscript(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(switch (c) {
                case '\u2212' -> '\u207b';
                case '0' -> '\u2070';
                case '1' -> '\u00b9';
                case '2' -> '\u00b2';
                case '3' -> '\u00b3';
                default -> (char) ('\u2074' + (c - '4'));
            });
        }
        return b.toString();
    }

    public ReadOnlyStringProperty holdoutKProperty() {
        return holdoutK.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty evaluatedKProperty() {
        return evaluatedK.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty kMinusNullProperty() {
        return kMinusNull.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty logLikelihoodProperty() {
        return logLikelihood.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bestKernelProperty() {
        return bestKernel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty ceilingProperty() {
        return ceiling.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nullBitsProperty() {
        return nullBits.getReadOnlyProperty();
    }

    /** Best kernel minus the network's K: what a better network could still win. */
    public ReadOnlyStringProperty networkGapProperty() {
        return networkGap.getReadOnlyProperty();
    }

    /** Ceiling minus the best kernel: what a Gaussian kernel of this form can never win. */
    public ReadOnlyStringProperty kernelGapProperty() {
        return kernelGap.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    /** This run's values of the equations' symbols, as LaTeX. */
    public ReadOnlyStringProperty liveLatexProperty() {
        return liveLatex.getReadOnlyProperty();
    }
}
