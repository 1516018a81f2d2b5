package org.diffusionlab.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.diffusionlab.engine.model.FlatParameters;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The hand-derived back-propagation of the image network and the KL term, against finite differences. */
class ImageKernelGradientTest {

    private static INDArray gaussian(Random rng, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return Nd4j.createFromArray(v).reshape(shape);
    }

    @Test
    void convolutionMatchesADirectSum() {
        Random rng = new Random(3);
        FlatParameters p = new FlatParameters.Builder().add("c.W", 9, 2, 3).add("c.b", 1, 3).build(DataType.FLOAT);
        p.flat().assign(gaussian(rng, p.size()));
        INDArray x = gaussian(rng, 2, 5, 4, 2);
        INDArray y = Conv3x3.forward(x, p, "c", null);
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 4; j++) {
                    for (int o = 0; o < 3; o++) {
                        double ref = p.get("c.b").getDouble(0, o);
                        for (int k = 0; k < 9; k++) {
                            int yi = i + k / 3 - 1, xj = j + k % 3 - 1;
                            if (yi < 0 || yi >= 5 || xj < 0 || xj >= 4) {
                                continue;
                            }
                            for (int c = 0; c < 2; c++) {
                                ref += x.getDouble(b, yi, xj, c) * p.get("c.W").getDouble(k, c, o);
                            }
                        }
                        assertEquals(ref, y.getDouble(b, i, j, o), 1e-4);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    // Summed, concatenated and chained (hs:) scales. (Some draws put a leaky-ReLU unit within a step of its kink, which biases the
    // difference quotient whatever the step; these do not.)
    @ValueSource(strings = {"ms:c3x2@1,2/d5/j3", "ms:c2,4x2@1,2/d5/j3", "ms:c3x2@1,2/g6,4x2/d5/j3", "ms:c2,4x1@1,2/g5x1/d5/j3",
            "ms:c3x1@1,2/p4x2/d5/j3", "ms:c2,3x1@1,2/g5x1/p4x1/d5/j3", "ms:c3x2@1,2/g6,4x2/d5/j3/tb", "ms:c3x1@1,2/p4x2/d5/j3/tb",
            "hs:c3x2@1,2/d5/j3", "hs:c2,3,4x1@1,2,4/d5/j3", "hs:c3,3,3x1@1,2,4/p4x1/d5/j3",
            "hs:c3x1@1,2,4/p4x1/d5/j3", "hs:c3x1@1,2,4/g5x1/p4x1/d5/j3/tb"})
    void gradientMatchesFiniteDifferences(String architecture) {
        ConvArchitecture arch = ConvArchitecture.parse(architecture);
        int size = 4;
        int steps = 12;
        BetaSchedule schedule = BetaSchedule.linear(steps, 1e-2, 0.3);
        ImageNetwork net = ImageNetwork.initialise(arch, size, steps, 7);
        Random rng = new Random(11);
        // A non-zero readout so that every layer carries gradient.
        net.parameters().flat().addi(gaussian(rng, net.parameterCount()).muli(0.3));
        ImageKernel kernel = new ImageKernel(net, schedule);
        int batch = 3;
        INDArray x0 = gaussian(rng, batch, size * size);
        INDArray noise = gaussian(rng, batch, size * size);
        int[] t = {2, 7, 12};
        FlatParameters grad = net.parameters().zerosLike();
        kernel.klPerImage(x0, t, noise, grad, 1.0);

        for (FlatParameters.Slot slot : net.parameters().slots()) {
            INDArray dir = Nd4j.zeros(DataType.FLOAT, net.parameterCount());
            dir.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(slot.offset(), slot.offset() + slot.length()))
                    .assign(gaussian(rng, slot.length()));
            String trial = slot.name();
            double analytic = grad.flat().castTo(DataType.DOUBLE).mul(dir.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
            // Small steps: the leaky ReLU's kink makes larger ones cross units over and bias the difference.
            double eps = 1e-3;
            INDArray base = net.parameters().flat().dup();
            net.parameters().flat().assign(base.add(dir.mul(eps)));
            double plus = sum(kernel.klPerImage(x0, t, noise, null, 0));
            net.parameters().flat().assign(base.sub(dir.mul(eps)));
            double minus = sum(kernel.klPerImage(x0, t, noise, null, 0));
            net.parameters().flat().assign(base);
            double numeric = (plus - minus) / (2 * eps);
            assertEquals(numeric, analytic, 0.04 * Math.abs(numeric) + 2e-3, "slot " + trial);
        }
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ms:c5x2@1,2,4/d7/j4", "ms:c3,5,8x2@1,2,4/d7/j4", "ms:c5x2@1,2,4/g9,6x2/d7/j4", "ms:c5x2@1,2,4/g9x2/p6x2/d7/j4",
            "ms:c3,5,8x2@1,2,4/g9x2/p6x2/d7/j4", "ms:c3,5,8x2@1,2,4/g9x2/p6x2/d7/j4/tb",
            "hs:c5x2@1,2,4/p6x2/d7/j4/tb", "hs:c3,5,8x2@1,2,4/g9x2/d7/j4"})
    void javaForwardMatchesTheNd4jNetwork(String architecture) {
        ConvArchitecture arch = ConvArchitecture.parse(architecture);
        ImageNetwork net = ImageNetwork.initialise(arch, 8, 30, 2);
        Random rng = new Random(4);
        net.parameters().flat().addi(gaussian(rng, net.parameterCount()).muli(0.3));
        INDArray x = gaussian(rng, 3, 8, 8);
        int[] t = {2, 17, 30};
        INDArray z = net.forward(x, t).output();
        JavaForward jf = new JavaForward(net);
        for (int i = 0; i < 3; i++) {
            float[] img = x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).dup().reshape(64).toFloatVector();
            float[][] zj = jf.forward(img, t[i]);
            for (int k = 0; k < 64; k++) {
                assertEquals(z.getDouble(i, k, 0), zj[0][k], 1e-4, "z_mu image " + i + " pixel " + k);
                assertEquals(z.getDouble(i, k, 1), zj[1][k], 1e-4, "z_Sigma image " + i + " pixel " + k);
            }
        }
    }

    @Test
    void largeConvolutionsSplitOverTheCoresMatchTheNd4jNetwork() {
        // 24 channels on a 28 x 28 map are past the size from which one image's convolution runs in parallel
        ConvArchitecture arch = ConvArchitecture.parse("ms:c24x2@1,2/p24x1/d8/j3");
        ImageNetwork net = ImageNetwork.initialise(arch, 28, 30, 5);
        Random rng = new Random(6);
        net.parameters().flat().addi(gaussian(rng, net.parameterCount()).muli(0.1));
        INDArray x = gaussian(rng, 1, 28, 28);
        INDArray z = net.forward(x, new int[]{17}).output();
        float[][] zj = new JavaForward(net).forward(x.reshape(784).toFloatVector(), 17);
        for (int k = 0; k < 784; k++) {
            assertEquals(z.getDouble(0, k, 0), zj[0][k], 1e-3, "z_mu pixel " + k);
            assertEquals(z.getDouble(0, k, 1), zj[1][k], 1e-3, "z_Sigma pixel " + k);
        }
    }

    @Test
    void manyImagesSpreadOverTheCoresGetTheMomentsEachGetsAlone() {
        ConvArchitecture arch = ConvArchitecture.parse("ms:c3,5,6x2@1,2,4/g9x2/p4x1/d7/j4");
        ImageNetwork net = ImageNetwork.initialise(arch, 8, 30, 3);
        Random rng = new Random(9);
        net.parameters().flat().addi(gaussian(rng, net.parameterCount()).muli(0.3));
        ImageKernel kernel = new ImageKernel(net, BetaSchedule.linear(30, 1e-3, 0.2));
        int n = 67;
        INDArray x = gaussian(rng, n, 64);
        for (int t : new int[]{2, 30}) {
            ImageKernel.Moments together = kernel.moments(x, t);
            for (int i = 0; i < n; i++) {
                ImageKernel.Moments alone = kernel.moments(x.getRow(i).dup().reshape(1, 64), t);
                assertEquals(0.0, together.mean().getRow(i).sub(alone.mean().getRow(0)).amaxNumber().doubleValue(), 0.0,
                        "mean of image " + i + " at t = " + t);
                assertEquals(0.0, together.variance().getRow(i).sub(alone.variance().getRow(0)).amaxNumber().doubleValue(),
                        0.0, "variance of image " + i + " at t = " + t);
            }
        }
    }
}
