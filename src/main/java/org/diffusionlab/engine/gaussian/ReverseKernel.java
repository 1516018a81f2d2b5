package org.diffusionlab.engine.gaussian;

import org.diffusionlab.engine.model.DiffusionMlp;
import org.diffusionlab.engine.model.KernelForm;
import org.diffusionlab.engine.model.KernelParameterisation;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The learned reverse kernel p(x_{t-1} | x_t) = N(mean, Sigma) of a network under a schedule. The first step is
 * the forward kernel itself (FACTS.md: p(x_0|x_1) = T_pi(x_0|x_1; beta_1)), so its mean is sqrt(1 - beta_1) x_1.
 */
public final class ReverseKernel {

    /**
     * Mean and covariance at n points, the covariance kept in its factored form Sigma = L D L^T (see
     * {@link KernelForm}): sampling and densities use the factors, which stay accurate however slanted Sigma is.
     */
    public static final class Moments {
        private final INDArray mean;        // [n, d]
        private final INDArray scales;      // [n, d]: D's diagonal (the variances themselves for a diagonal kernel)
        private final INDArray slope;       // [n, 1]: L's off-diagonal c (2-D full form), or null (diagonal)

        Moments(INDArray mean, INDArray scales, INDArray slope) {
            this.mean = mean;
            this.scales = scales;
            this.slope = slope;
        }

        public INDArray mean() {
            return mean;
        }

        /** Sigma's diagonal, [n, d]: (s_1, s_2 + c^2 s_1) for a full kernel. */
        public INDArray variance() {
            if (slope == null) {
                return scales;
            }
            INDArray v = scales.dup();
            INDArray s1 = column(scales, 0);
            column(v, 1).addi(slope.mul(slope).muli(s1));
            return v;
        }

        /** Sigma's off-diagonal Cov[x, y], [n, 1]: c s_1 (0 for a diagonal 2-D kernel). */
        public INDArray covariance() {
            return slope == null ? Nd4j.zeros(mean.dataType(), mean.size(0), 1) : slope.mul(column(scales, 0));
        }

        /** Whether the covariance has off-diagonal terms. */
        public boolean full() {
            return slope != null;
        }

        /** mean + L D^(1/2) eps for standard normal eps ([n, d]): a draw from the kernel. */
        public INDArray sample(INDArray eps) {
            INDArray noise = Transforms.sqrt(scales, true).muli(eps.castTo(scales.dataType()));
            if (slope != null) {
                column(noise, 1).addi(column(noise, 0).mul(slope));
            }
            return noise.addi(mean);
        }

        /** log N(x; mean, Sigma) of each row of x ([n, d]), nats, computed in double precision ([n]). */
        public INDArray logDensity(INDArray x) {
            INDArray s = scales.castTo(DataType.DOUBLE);
            INDArray u = x.castTo(DataType.DOUBLE).sub(mean.castTo(DataType.DOUBLE));      // L^-1 (x - mean) below
            if (slope != null) {
                column(u, 1).subi(column(u, 0).mul(slope.castTo(DataType.DOUBLE)));
            }
            return Transforms.log(s.mul(2 * Math.PI), true).addi(u.mul(u).divi(s)).sum(1).muli(-0.5);
        }

        private static INDArray column(INDArray a, int k) {
            return a.get(NDArrayIndex.all(), NDArrayIndex.interval(k, k + 1));
        }
    }

    private final DiffusionMlp net;
    private final BetaSchedule schedule;

    public ReverseKernel(DiffusionMlp net, BetaSchedule schedule) {
        if (net.steps() != schedule.steps()) {
            throw new IllegalArgumentException("Network has T = " + net.steps() + " but the schedule has T = " + schedule.steps());
        }
        this.net = net;
        this.schedule = schedule;
    }

    public BetaSchedule schedule() {
        return schedule;
    }

    public DiffusionMlp network() {
        return net;
    }

    public int dims() {
        return net.dims();
    }

    public KernelForm form() {
        return net.kernelForm();
    }

    /** The moments of p(x_{t-1} | x_t) at every row of x ([n, d]), for t in 1..T. */
    public Moments moments(INDArray x, int t) {
        double b = schedule.beta(t);
        INDArray xt = x.castTo(net.dataType());
        boolean full = net.kernelForm() == KernelForm.FULL;
        if (t == 1) {
            return new Moments(xt.mul(Math.sqrt(1 - b)), xt.like().assign(b),
                    full ? Nd4j.zeros(xt.dataType(), x.size(0), 1) : null);
        }
        int d = net.dims();
        double vScale = KernelParameterisation.varianceOutputScale(schedule.steps());
        INDArray z = net.forward(xt, t, 1).output().reshape(x.size(0), -1);
        INDArray zMu = z.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d));
        INDArray zVar = z.get(NDArrayIndex.all(), NDArrayIndex.interval(d, 2 * d));
        INDArray mean = xt.mul(Math.sqrt(1 - b)).addi(zMu.mul(Math.sqrt(b)));
        INDArray scales = Transforms.sigmoid(zVar.mul(vScale).addi(KernelParameterisation.logit(b)), false);
        INDArray slope = full ? z.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * d, 2 * d + 1)).mul(vScale) : null;
        return new Moments(mean, scales, slope);
    }
}
