package org.diffusionlab.app.schedule;

import java.util.Arrays;
import java.util.Locale;
import org.diffusionlab.engine.schedule.BetaSchedule;

/**
 * One state of the edited schedule, immutable (undo keeps these): a base curve (a preset, the model's schedule, a
 * file), control points at fixed steps t_i, a log-factor at each control point, and beta_1. The schedule is
 * beta_t = base_t * exp(c(t)) for t >= 2, where c is the monotone cubic through the control points' log-factors, so
 * dragging one point bends the curve smoothly in log(beta) between its neighbours and leaves the rest as it was;
 * beta_1 is its own value.
 *
 * @param source   what the curve came from ("released", "learned", a file name, ...), "custom" once edited
 * @param base     the curve the factors apply to
 * @param controls the control steps t_i (strictly increasing, 2..T)
 * @param logShift ln(beta_t_i / base_t_i) at each control step
 * @param beta1    beta_1
 */
public record ScheduleEdit(String source, BetaSchedule base, int[] controls, double[] logShift, double beta1) {

    /** Most control points on a curve (T - 1 when T is small). */
    public static final int MAX_CONTROLS = 11;

    public ScheduleEdit {
        controls = controls.clone();
        logShift = logShift.clone();
        if (controls.length != logShift.length) {
            throw new IllegalArgumentException("one shift per control point");
        }
    }

    /** An unedited curve with the default control points. */
    public static ScheduleEdit of(String source, BetaSchedule base) {
        int[] ts = defaultControls(base.steps());
        return new ScheduleEdit(source, base, ts, new double[ts.length], base.beta(1));
    }

    /** Evenly spread control steps from 2 to T. */
    public static int[] defaultControls(int steps) {
        int n = Math.min(steps - 1, MAX_CONTROLS);
        if (n == 1) {
            return new int[]{steps};
        }
        int[] ts = new int[n];
        for (int i = 0; i < n; i++) {
            ts[i] = 2 + (int) Math.round((double) i * (steps - 2) / (n - 1));
        }
        return ts;
    }

    @Override
    public int[] controls() { return controls.clone(); }

    @Override
    public double[] logShift() { return logShift.clone(); }

    public int steps() {
        return base.steps();
    }

    public int controlCount() {
        return controls.length;
    }

    public int controlStep(int i) {
        return controls[i];
    }

    /** True if no control point was moved (the curve is the base's, beta_1 aside). */
    public boolean unshifted() {
        for (double v : logShift) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** beta_t of the edited curve, all t (beta_1 first); values may leave (0, 1): see {@link #problem()}. */
    public double[] rawBetas() {
        double[] curve = unshifted() ? new double[steps()] : BetaSchedule.monotoneCurve(steps(), controls, logShift);
        double[] b = new double[steps()];
        b[0] = beta1;
        for (int t = 2; t <= steps(); t++) {
            b[t - 1] = curve[t - 1] == 0 ? base.beta(t) : base.beta(t) * Math.exp(curve[t - 1]);
        }
        return b;
    }

    /** Why this state is not a schedule (a beta outside (0, 1)), or null if it is one. */
    public String problem() {
        double[] b = rawBetas();
        for (int t = 1; t <= b.length; t++) {
            double v = b[t - 1];
            if (!(v > 0 && v < 1)) {
                return String.format(Locale.ROOT, "\u03b2_%d would be %s: every \u03b2 must lie in (0, 1)", t,
                        ScheduleFormat.beta(v));
            }
        }
        return null;
    }

    /** The schedule (only for a state without {@link #problem()}). */
    public BetaSchedule schedule() {
        return BetaSchedule.of(unshifted() && beta1 == base.beta(1) ? base.name() : source, rawBetas());
    }

    /** The same curve with control point {@code i} moved so that beta at its step becomes {@code beta}. */
    public ScheduleEdit withControlBeta(int i, double beta) {
        double[] shift = logShift.clone();
        shift[i] = Math.log(beta / base.beta(controls[i]));
        return new ScheduleEdit("custom", base, controls, shift, beta1);
    }

    public ScheduleEdit withBeta1(double value) {
        return new ScheduleEdit(source, base, controls, logShift, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScheduleEdit e && source.equals(e.source) && base.equals(e.base)
                && Arrays.equals(controls, e.controls) && Arrays.equals(logShift, e.logShift)
                && Double.compare(beta1, e.beta1) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(logShift) * 31 + base.hashCode();
    }
}
