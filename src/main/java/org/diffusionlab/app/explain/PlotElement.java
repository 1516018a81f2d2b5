package org.diffusionlab.app.explain;

/**
 * The things a pane draws that an equation term can point at (and that point back at their term): lines, markers,
 * bars and overlays. One constant per meaning, not per chart, so the same element is linked wherever it is drawn.
 */
public enum PlotElement {
    /** K on the fixed holdout against the iteration. */
    K_HOLDOUT,
    /** K on the recent training batches. */
    K_BATCH,
    /** The importance-sampled log-likelihood points. */
    LOG_LIKELIHOOD,
    /** The bound of the best possible Gaussian kernel under the schedule of the moment. */
    BEST_KERNEL,
    /** The data's ceiling (or, for the heartbeat, the factorised ceiling). */
    CEILING,
    /** L_null: the log-likelihood of the data under the end distribution alone. */
    L_NULL,
    /** Reference lines from the paper or the truth (the paper's K, the true log-likelihood). */
    REFERENCE,
    /** The per-step KL terms of the bound, as bars. */
    KL_TERMS,
    /** The diffusion rate beta_t against t. */
    BETA,
    /** abar_t, the fraction of the signal left at step t. */
    ALPHA_BAR,
    /** The signal-to-noise ratio abar_t / (1 - abar_t). */
    SNR,
    /** The bound K as a function of the schedule (the Schedule pane's bound chart). */
    BOUND_OF_SCHEDULE,
    /** The entropy bounds on the reverse variance: posterior variance below, beta_t above. */
    ENTROPY_BOUNDS,
    /** The reverse kernel's variance f_Sigma, as a chart line or a heat map. */
    REVERSE_VARIANCE,
    /** The reverse kernel's mean, drawn as drift arrows f_mu(x, t) - x. */
    DRIFT,
    /** Points or rows of the forward process q. */
    FORWARD,
    /** Points or rows of the reverse process p. */
    REVERSE,
    /** What r(x) constrains: the painted mask, fixed bins or the observation. */
    CONDITION
}
