package org.diffusionlab.app.schedule;

import java.util.Locale;

/** How the Schedule pane writes numbers. */
final class ScheduleFormat {

    private ScheduleFormat() {
    }

    /** A beta (or any small positive number) with 3 significant digits. */
    static String beta(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e4)) {
            return String.format(Locale.ROOT, "%.3g", v).replace("e-0", "e-").replace("e+0", "e");
        }
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    /** Bits with 3 decimals and an explicit sign. */
    static String bits(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v).replace('-', '\u2212') : "\u2013";
    }

    static String signedBits(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.3f", v).replace('-', '\u2212') : "\u2013";
    }
}
