package org.diffusionlab.engine.image;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.diffusionlab.engine.model.FlatParameters;
import org.diffusionlab.engine.model.KernelParameterisation;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The learned reverse kernel p(x_{t-1} | x_t) = N(mu, Sigma) of an image network under a fixed schedule, in the
 * released code's parameterisation (FACTS.md, as the swiss-roll kernel): mu = x_t sqrt(1 - beta_t) + z_mu sqrt(beta_t),
 * Sigma = sigmoid(z_Sigma / sqrt(T) + logit(beta_t)), per pixel. With z = 0 it is the exact reverse kernel for
 * N(0, I) data. The first step is the forward kernel itself (p(x_0|x_1) = N(sqrt(1 - beta_1) x_1, beta_1)).
 *
 * <p>Also the KL term of the bound for one t per image, KL(q(x_{t-1}|x_t,x_0) || p(x_{t-1}|x_t)), with its gradient.
 */
public final class ImageKernel {

    /** Mean and variance per pixel, both [B, H*W]. */
    public record Moments(INDArray mean, INDArray variance) {
    }

    private final ImageNetwork net;
    private final BetaSchedule schedule;
    private JavaForward javaForward;

    public ImageKernel(ImageNetwork net, BetaSchedule schedule) {
        if (net.steps() != schedule.steps()) {
            throw new IllegalArgumentException("Network has T = " + net.steps() + " but the schedule has T = " + schedule.steps());
        }
        this.net = net;
        this.schedule = schedule;
    }

    public ImageNetwork network() {
        return net;
    }

    public BetaSchedule schedule() {
        return schedule;
    }

    public int pixels() {
        return net.size() * net.size();
    }

    /**
     * The moments of p(x_{t-1} | x_t) for a batch x ([B, H*W]) all at step t in 1..T. The network runs in plain Java
     * ({@link JavaForward}, on a snapshot of the weights taken at the first call: use a fresh kernel after training
     * on), one image at a time: a single image splits its large convolutions over the cores, several images are
     * spread over the cores instead. Measured here, this takes less CPU than the batched ND4J network even for many
     * images (16.9 s against 21.9 s for 64 samples of the shipped digits model, 200 steps). Agrees with the ND4J
     * network to float rounding (tested).
     */
    public Moments moments(INDArray x, int t) {
        double b = schedule.beta(t);
        INDArray xt = x.castTo(DataType.FLOAT);
        if (t == 1) {
            return new Moments(xt.mul(Math.sqrt(1 - b)), xt.like().assign(b));
        }
        if (javaForward == null) {
            javaForward = new JavaForward(net);
        }
        JavaForward jf = javaForward;
        int n = (int) x.size(0);
        int p = pixels();
        float[] xv = xt.dup().data().asFloat();
        float[] mean = new float[n * p];
        float[] variance = new float[n * p];
        float sq1mb = (float) Math.sqrt(1 - b);
        float sqb = (float) Math.sqrt(b);
        double vScale = KernelParameterisation.varianceOutputScale(schedule.steps());
        double lg = KernelParameterisation.logit(b);
        IntStream images = IntStream.range(0, n);
        if (n > 1) {
            images = images.parallel();
        }
        images.forEach(i -> {
            float[] image = Arrays.copyOfRange(xv, i * p, (i + 1) * p);
            // one image: its convolutions go parallel; several: each worker runs whole images on its own scratch
            float[][] z = n == 1 ? jf.forward(image, t) : jf.forward(image, t, scratch.get(), false);
            for (int k = 0; k < p; k++) {
                mean[i * p + k] = image[k] * sq1mb + z[0][k] * sqb;
                variance[i * p + k] = (float) (1 / (1 + Math.exp(-(z[1][k] * vScale + lg))));
            }
        });
        return new Moments(Nd4j.createFromArray(mean).reshape(n, p), Nd4j.createFromArray(variance).reshape(n, p));
    }

    /**
     * Each sampling thread's buffers for the plain-Java pass, reused from step to step and image to image (a field,
     * not a static, so that they go with the kernel). Only the many-image path uses them: it never forks inside an
     * image, so a worker cannot take up another image while its own is half done.
     */
    private final ThreadLocal<JavaForward.Scratch> scratch = ThreadLocal.withInitial(JavaForward.Scratch::new);

    /** z_mu (k = 0) or z_Sigma (k = 1) of a [B, P, 2] output, as a fresh [B, P] array. */
    static INDArray component(INDArray z, int k) {
        return z.dup().get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(k)).dup();
    }

    private static INDArray column(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return Nd4j.createFromArray(f).reshape(v.length, 1);
    }

    /**
     * KL(q(x_{t-1}|x_t,x_0) || p(x_{t-1}|x_t)) summed over the pixels of each image, nats, with x_t drawn as
     * sqrt(abar_t) x_0 + sqrt(1 - abar_t) noise. When {@code grad} is given, the gradient of
     * {@code gradScale * sum_i KL_i} w.r.t. the network parameters is written into it.
     *
     * @param x0    [B, H*W] data in the model's space
     * @param t     the step of each image, in 2..T
     * @param noise [B, H*W] standard normal
     * @return the KL of each image, nats
     */
    public double[] klPerImage(INDArray x0, int[] t, INDArray noise, FlatParameters grad, double gradScale) {
        double[] scales = new double[t.length];
        Arrays.fill(scales, gradScale);
        return klPerImage(x0, t, noise, grad, scales);
    }

    /**
     * As {@link #klPerImage(INDArray, int[], INDArray, FlatParameters, double)}, with a gradient weight per image: the
     * gradient is that of {@code sum_i gradScales[i] KL_i} (importance-sampled t weighs each term by 1/p(t)).
     */
    public double[] klPerImage(INDArray x0, int[] t, INDArray noise, FlatParameters grad, double[] gradScales) {
        int n = t.length;
        double[] a = new double[n], sd = new double[n], c0 = new double[n], c1 = new double[n], vPost = new double[n];
        double[] sq1mb = new double[n], sqb = new double[n], lg = new double[n];
        for (int i = 0; i < n; i++) {
            int ti = t[i];
            if (ti < 2 || ti > schedule.steps()) {
                throw new IllegalArgumentException("The bound's KL terms are for t in 2.." + schedule.steps() + ", got " + ti);
            }
            double b = schedule.beta(ti);
            a[i] = Math.sqrt(schedule.abar(ti));
            sd[i] = Math.sqrt(1 - schedule.abar(ti));
            c0[i] = schedule.posteriorCoefX0(ti);
            c1[i] = schedule.posteriorCoefXt(ti);
            vPost[i] = schedule.posteriorVariance(ti);
            sq1mb[i] = Math.sqrt(1 - b);
            sqb[i] = Math.sqrt(b);
            lg[i] = KernelParameterisation.logit(b);
        }
        INDArray x0f = x0.castTo(DataType.FLOAT);
        INDArray xt = x0f.mulColumnVector(column(a)).addi(noise.castTo(DataType.FLOAT).mulColumnVector(column(sd)));
        ImageNetwork.Forward f = net.forward(xt.reshape(n, net.size(), net.size()), t);
        INDArray zMu = component(f.output(), 0);
        INDArray zVar = component(f.output(), 1);
        double vScale = KernelParameterisation.varianceOutputScale(schedule.steps());
        INDArray mu = xt.mulColumnVector(column(sq1mb)).addi(zMu.mulColumnVector(column(sqb)));
        INDArray sigma = Transforms.sigmoid(zVar.mul(vScale).addiColumnVector(column(lg)), false);
        INDArray vPostCol = column(vPost);
        INDArray muPost = x0f.mulColumnVector(column(c0)).addi(xt.mulColumnVector(column(c1)));
        INDArray diff = mu.sub(muPost);
        INDArray spread = diff.mul(diff).addiColumnVector(vPostCol);
        // KL = 0.5 [ln(Sigma / v~) + (v~ + (mu - mu~)^2) / Sigma - 1]
        INDArray kl = Transforms.log(sigma.divColumnVector(vPostCol), true).addi(spread.div(sigma)).subi(1.0).muli(0.5);
        double[] perImage = kl.sum(1).toDoubleVector();
        if (grad != null) {
            INDArray scaleCol = column(gradScales);
            INDArray dMu = diff.div(sigma).muliColumnVector(scaleCol);
            INDArray dU = spread.div(sigma).rsubi(1.0).muli(sigma.rsub(1.0)).muliColumnVector(scaleCol).muli(0.5);
            long p = x0.size(1);
            INDArray dz = Nd4j.concat(2, dMu.mulColumnVector(column(sqb)).reshape(n, p, 1), dU.muli(vScale).reshape(n, p, 1));
            net.backward(f, dz, grad);
        }
        return perImage;
    }
}
