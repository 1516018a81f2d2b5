package org.diffusionlab.engine.binomial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.stream.Stream;
import org.diffusionlab.data.Heartbeat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/** Finite-difference checks of the hand-derived gradient of the summed KL w.r.t. every network weight. */
class BinomialGradientTest {

    static Stream<BinomialArchitecture> architectures() {
        return Stream.of(
                BinomialArchitecture.parse("tanh:4,3", 3, Parameterisation.X0),
                BinomialArchitecture.parse("sigmoid:3,3,2", 2, Parameterisation.LOGIT_OFFSET),
                BinomialArchitecture.parse("sigmoid:5", 1, Parameterisation.X0));
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void gradientMatchesFiniteDifferences(BinomialArchitecture arch) {
        BinomialProcess process = BinomialProcess.paper(12);
        int bins = Heartbeat.LENGTH;
        BinomialNetwork net = BinomialNetwork.initialise(arch, process, bins, 3, DataType.DOUBLE);
        Random rng = new Random(4);
        double[] p = net.parameters().toDoubleArray();
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.3 * rng.nextGaussian();      // every path carries gradient, the readout included
        }
        net.parameters().setFrom(p);
        int rows = 6;
        int[] steps = {2, 3, 5, 8, 11, 12};
        byte[] x0 = new byte[rows * bins];
        byte[] xt = new byte[rows * bins];
        byte[] row = new byte[bins];
        for (int r = 0; r < rows; r++) {
            byte[] s = Heartbeat.sequence(r % 5);
            System.arraycopy(s, 0, x0, r * bins, bins);
            process.sampleMarginal(s, steps[r], rng, row);
            System.arraycopy(row, 0, xt, r * bins, bins);
        }
        double[] dz = new double[rows * bins];
        BinomialNetwork.Forward f = net.forward(xt, steps);
        BoundSample.rowKl(process, arch.parameterisation(), x0, xt, steps, f.z(), new double[rows], dz);
        var grad = net.parameters().zerosLike();
        net.backward(f, dz, grad);
        double[] analytic = grad.toDoubleArray();
        double h = 1e-6;
        for (int i = 0; i < p.length; i++) {
            double[] plus = p.clone();
            plus[i] += h;
            net.parameters().setFrom(plus);
            double lp = loss(net, process, arch, x0, xt, steps);
            double[] minus = p.clone();
            minus[i] -= h;
            net.parameters().setFrom(minus);
            double lm = loss(net, process, arch, x0, xt, steps);
            double numeric = (lp - lm) / (2 * h);
            assertEquals(numeric, analytic[i], 1e-6 + 1e-5 * Math.abs(numeric), "parameter " + i + " of " + arch);
        }
    }

    private static double loss(BinomialNetwork net, BinomialProcess process, BinomialArchitecture arch, byte[] x0,
                               byte[] xt, int[] steps) {
        double[] kl = new double[steps.length];
        BoundSample.rowKl(process, arch.parameterisation(), x0, xt, steps, net.forward(xt, steps).z(), kl, null);
        double sum = 0;
        for (double v : kl) {
            sum += v;
        }
        return sum;
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void rowsAtOneStepGiveTheSameOutputAsMixedRows(BinomialArchitecture arch) {
        BinomialProcess process = BinomialProcess.paper(30);
        int bins = Heartbeat.LENGTH;
        BinomialNetwork net = BinomialNetwork.initialise(arch, process, bins, 5, DataType.DOUBLE);
        Random rng = new Random(6);
        double[] p = net.parameters().toDoubleArray();
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.3 * rng.nextGaussian();
        }
        net.parameters().setFrom(p);
        byte[] xt = new byte[3 * bins];
        for (int i = 0; i < xt.length; i++) {
            xt[i] = (byte) rng.nextInt(2);
        }
        double[] shared = net.forward(xt, new int[]{17, 17, 17}).z();
        double[] mixed = net.forward(xt, new int[]{17, 17, 18}).z();
        for (int i = 0; i < 2 * bins; i++) {
            assertEquals(mixed[i], shared[i], 1e-12, "bin " + i);
        }
    }
}
