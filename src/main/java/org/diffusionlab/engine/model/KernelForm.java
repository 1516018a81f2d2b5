package org.diffusionlab.engine.model;

import java.util.Locale;

/**
 * The shape of the reverse kernel's covariance. DIAGONAL is the paper's form: one variance per dimension. FULL (2-D
 * data only, beyond the paper) adds the correlation between the two coordinates, so a kernel near the thin swiss
 * roll can spread along the curve's slant instead of along the axes.
 *
 * <p>The full form is written Sigma = L D L^T with L = [[1, 0], [c, 1]] and D = diag(s_1, s_2): s_d the released
 * code's variance form of the diagonal, c = z_c / sqrt(T) an extra network output. Every such Sigma is positive
 * definite (det = s_1 s_2 > 0), every positive definite 2x2 matrix has this form, and with z_c = 0 it is the diagonal
 * kernel, so an untrained network starts at the exact kernel of N(0, I) data in both forms.
 */
public enum KernelForm {
    DIAGONAL, FULL;

    /** The network outputs per row for data of {@code dims} coordinates: z_mu, z_Sigma, and for FULL one z_c. */
    public int outputs(int dims) {
        if (this == FULL && dims != 2) {
            throw new IllegalArgumentException("A full-covariance kernel is for 2-D data; this data has " + dims
                    + " dimensions");
        }
        return this == FULL ? 2 * dims + 1 : 2 * dims;
    }

    /** The name written in files and typed on the command line ("diagonal" or "full"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The form named {@code name} (case-insensitive), or IllegalArgumentException naming the valid ones. */
    public static KernelForm parse(String name) {
        for (KernelForm f : values()) {
            if (f.id().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("covariance must be diagonal or full, got " + name);
    }
}
