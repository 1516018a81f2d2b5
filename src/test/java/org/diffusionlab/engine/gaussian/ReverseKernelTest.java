package org.diffusionlab.engine.gaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.diffusionlab.engine.model.DiffusionMlp;
import org.diffusionlab.engine.model.KernelParameterisation;
import org.diffusionlab.engine.model.MlpArchitecture;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The kernel's moments against the parameterisation written out by hand from the raw network output. */
class ReverseKernelTest {

    @Test
    void momentsFollowTheReleasedCodeParameterisation() {
        int steps = 6;
        DiffusionMlp net = DiffusionMlp.initialise(MlpArchitecture.standard(), 2, steps, 3, DataType.DOUBLE);
        double[] p = net.parameters().toDoubleArray();
        Random r = new Random(1);
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.5 * r.nextGaussian();
        }
        net.parameters().setFrom(p);
        BetaSchedule s = BetaSchedule.releasedDefault(steps, 1e-3);
        ReverseKernel kernel = new ReverseKernel(net, s);
        int n = 7;
        INDArray x = Nd4j.randn(DataType.DOUBLE, n, 2);
        for (int t = 1; t <= steps; t++) {
            ReverseKernel.Moments m = kernel.moments(x, t);
            double b = s.beta(t);
            double[] z = t == 1 ? new double[n * 4] : net.forward(x, t, 1).output().dup().data().asDouble();
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 2; k++) {
                    double xi = x.getDouble(i, k);
                    double expectedMean = t == 1 ? Math.sqrt(1 - b) * xi : Math.sqrt(1 - b) * xi + Math.sqrt(b) * z[i * 4 + k];
                    double expectedVar = t == 1 ? b : KernelParameterisation.sigmoid(
                            z[i * 4 + 2 + k] / Math.sqrt(steps) + KernelParameterisation.logit(b));
                    assertEquals(expectedMean, m.mean().getDouble(i, k), 1e-12, "mean t=" + t);
                    assertEquals(expectedVar, m.variance().getDouble(i, k), 1e-12, "variance t=" + t);
                }
            }
        }
    }
}
