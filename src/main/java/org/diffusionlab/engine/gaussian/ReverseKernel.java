package org.diffusionlab.engine.gaussian;

import org.diffusionlab.engine.model.DiffusionMlp;
import org.diffusionlab.engine.model.KernelParameterisation;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The learned reverse kernel p(x_{t-1} | x_t) = N(mean, variance) of a network under a schedule. The first step is
 * the forward kernel itself (FACTS.md: p(x_0|x_1) = T_pi(x_0|x_1; beta_1)), so its mean is sqrt(1 - beta_1) x_1.
 */
public final class ReverseKernel {

    /** Mean and diagonal variance, both [n, d]. */
    public record Moments(INDArray mean, INDArray variance) {
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

    /** The moments of p(x_{t-1} | x_t) at every row of x ([n, d]), for t in 1..T. */
    public Moments moments(INDArray x, int t) {
        double b = schedule.beta(t);
        INDArray xt = x.castTo(net.dataType());
        if (t == 1) {
            return new Moments(xt.mul(Math.sqrt(1 - b)), xt.like().assign(b));
        }
        int d = net.dims();
        INDArray z = net.forward(xt, t, 1).output().reshape(x.size(0), 2L * d);
        INDArray zMu = z.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d));
        INDArray zVar = z.get(NDArrayIndex.all(), NDArrayIndex.interval(d, 2 * d));
        INDArray mean = xt.mul(Math.sqrt(1 - b)).addi(zMu.mul(Math.sqrt(b)));
        INDArray variance = Transforms.sigmoid(zVar.mul(KernelParameterisation.varianceOutputScale(schedule.steps()))
                .addi(KernelParameterisation.logit(b)), false);
        return new Moments(mean, variance);
    }
}
