package org.diffusionlab.engine.gaussian;

import org.diffusionlab.engine.model.DiffusionMlp;
import org.diffusionlab.engine.model.FlatParameters;
import org.diffusionlab.engine.model.KernelForm;
import org.diffusionlab.engine.model.KernelParameterisation;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The bound K of the paper (FACTS.md), computed as the exact sum over t = 2..T with one forward sample x_t ~ q(x_t|x_0)
 * per data point and step:
 * K = -sum_t KL(q(x_{t-1}|x_t,x_0) || p(x_{t-1}|x_t)) + H_q(X_T|X_0) - H_q(X_1|X_0) - H_p(X_T).
 * Also back-propagates -K to the network's parameters and to every beta_t (through x_t, the posterior and the kernel).
 * For a full-covariance kernel ({@link KernelForm#FULL}) each KL is the one of a full-covariance Gaussian:
 * 0.5 [tr(Sigma^-1) v~ + (mu - mu~)^T Sigma^-1 (mu - mu~) - d + ln det Sigma - d ln v~].
 */
public final class GaussianBound {

    /**
     * @param kNats            K per data point, nats (mean over the batch)
     * @param perStepKlNats    index t in 0..T: mean over the batch of the KL at step t summed over dimensions (0 for t < 2)
     * @param perPointKNats    K of each data point, nats (null unless asked for)
     * @param lossGradBeta     d(-K)/d beta_t at index t-1 (null unless gradients were asked for)
     */
    public record Result(double kNats, double[] perStepKlNats, double[] perPointKNats, double[] lossGradBeta) {
        public double kBits() {
            return GaussianMath.toBits(kNats);
        }
    }

    private GaussianBound() {
    }

    /** The entropy terms of K per data point: d [H_q(X_T|X_0) - H_q(X_1|X_0) - H_p(X_T)], nats. */
    public static double entropyTerms(BetaSchedule s, int dims) {
        int steps = s.steps();
        return dims * (GaussianMath.entropy(1 - s.abar(steps)) - GaussianMath.entropy(s.beta(1)) - GaussianMath.entropy(1.0));
    }

    /** Standard normal noise of shape [T-1, B, d] for the steps t = 2..T. */
    public static INDArray drawNoise(int steps, int batch, int dims, java.util.Random rng, DataType type) {
        double[] v = new double[(steps - 1) * batch * dims];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return Nd4j.createFromArray(v).castTo(type).reshape(steps - 1, batch, dims);
    }

    /** K on a batch without gradients. */
    public static Result evaluate(DiffusionMlp net, BetaSchedule s, INDArray x0, INDArray noise, boolean perPoint) {
        return compute(net, s, x0, noise, perPoint, null, null);
    }

    /**
     * K on a batch without gradients, and from the same forward pass the sum over the batch and the dimensions of the
     * network's reverse variance f_Sigma(x_t, t), written to {@code varianceSums[t]} for t = 2..T.
     */
    public static Result evaluate(DiffusionMlp net, BetaSchedule s, INDArray x0, INDArray noise, double[] varianceSums) {
        return compute(net, s, x0, noise, false, null, varianceSums);
    }

    /** K on a batch, writing d(-K)/d(network parameters) into {@code grad} and returning d(-K)/d beta. */
    public static Result evaluateWithGradient(DiffusionMlp net, BetaSchedule s, INDArray x0, INDArray noise,
                                              FlatParameters grad) {
        return compute(net, s, x0, noise, false, grad, null);
    }

    private static INDArray column(double[] values, DataType type) {
        return Nd4j.createFromArray(values).castTo(type).reshape(values.length, 1, 1);
    }

    private static Result compute(DiffusionMlp net, BetaSchedule s, INDArray x0, INDArray noise, boolean perPoint,
                                  FlatParameters grad, double[] varianceSums) {
        int steps = s.steps();
        int blocks = steps - 1;
        int batch = (int) x0.size(0);
        int dims = (int) x0.size(1);
        DataType type = net.dataType();
        if (noise.size(0) != blocks || noise.size(1) != batch || noise.size(2) != dims) {
            throw new IllegalArgumentException("Noise must be [T-1, B, d]");
        }
        // Per-step scalars for t = 2..T, block k <-> t = k + 2.
        double[] a = new double[blocks], sd = new double[blocks], c0 = new double[blocks], c1 = new double[blocks];
        double[] vPost = new double[blocks], sq1mb = new double[blocks], sqb = new double[blocks], lg = new double[blocks];
        for (int k = 0; k < blocks; k++) {
            int t = k + 2;
            double b = s.beta(t);
            a[k] = Math.sqrt(s.abar(t));
            sd[k] = Math.sqrt(1 - s.abar(t));
            c0[k] = s.posteriorCoefX0(t);
            c1[k] = s.posteriorCoefXt(t);
            vPost[k] = s.posteriorVariance(t);
            sq1mb[k] = Math.sqrt(1 - b);
            sqb[k] = Math.sqrt(b);
            lg[k] = KernelParameterisation.logit(b);
        }
        INDArray x0b = x0.castTo(type).reshape(1, batch, dims);
        INDArray xt = noise.mul(column(sd, type)).addi(x0b.mul(column(a, type)));          // [blocks, B, d]
        DiffusionMlp.Forward f = net.forward(xt.reshape((long) blocks * batch, dims), 2, blocks);
        boolean full = net.kernelForm() == KernelForm.FULL;
        INDArray z = f.output();
        INDArray zMu = z.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, dims));
        INDArray zVar = z.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(dims, 2 * dims));
        double vScale = KernelParameterisation.varianceOutputScale(steps);
        INDArray mu = xt.mul(column(sq1mb, type)).addi(zMu.mul(column(sqb, type)));
        // Sigma = L D L^T, D = diag(sigma), L = [[1, 0], [c, 1]] (full form; L = I for the paper's diagonal one)
        INDArray sigma = Transforms.sigmoid(zVar.mul(vScale).addi(column(lg, type)), false);
        INDArray c = full ? z.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(2 * dims, 2 * dims + 1))
                .mul(vScale) : null;                                                       // [blocks, B, 1]
        if (varianceSums != null) {
            // the reverse step's entropy per dimension is that of a variance det(Sigma)^(1/d): for a full kernel
            // d sqrt(s_1 s_2) enters the sum, for the diagonal one (as always) s_1 + .. + s_d
            INDArray spreadOf = full ? Transforms.sqrt(sigma.prod(true, 2), true).muli(dims) : sigma;
            double[] v = spreadOf.sum(1, 2).toDoubleVector();
            for (int k = 0; k < blocks; k++) {
                varianceSums[k + 2] += v[k];
            }
        }
        INDArray vPostCol = column(vPost, type);
        INDArray muPost = x0b.mul(column(c0, type)).addi(xt.mul(column(c1, type)));
        INDArray diff = mu.sub(muPost);                                                    // e = mu - mu~
        // u = L^-1 e and the trace weights w (Sigma^-1 = L^-T D^-1 L^-1 has trace 1/s_1 + (1 + c^2)/s_2):
        // KL = sum_d 0.5 [ln(s_d / v~) + (w_d v~ + u_d^2) / s_d - 1], the diagonal KL when c = 0
        INDArray u = diff;
        INDArray traceWeight = null;
        if (full) {
            u = diff.dup();
            u.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, 2))
                    .subi(diff.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 1)).mul(c));
            traceWeight = Nd4j.ones(type, blocks, batch, dims);
            traceWeight.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, 2)).addi(c.mul(c));
        }
        INDArray spread = full ? traceWeight.mul(vPostCol).addi(u.mul(u))                    // w v~ + u^2
                : diff.mul(diff).addi(vPostCol);                                          // v~ + (mu~ - mu)^2
        // KL = 0.5 ln(Sigma / v~) + spread / (2 Sigma) - 0.5
        INDArray kl = Transforms.log(sigma.div(vPostCol), false).addi(spread.div(sigma)).subi(1.0).muli(0.5);

        double entropy = entropyTerms(s, dims);
        double[] perStep = new double[steps + 1];
        double[] stepSums = kl.sum(1, 2).toDoubleVector();
        double total = 0;
        for (int k = 0; k < blocks; k++) {
            perStep[k + 2] = stepSums[k] / batch;
            total += stepSums[k];
        }
        double kNats = -total / batch + entropy;
        double[] perPointK = null;
        if (perPoint) {
            double[] pointSums = kl.sum(0, 2).toDoubleVector();
            perPointK = new double[batch];
            for (int i = 0; i < batch; i++) {
                perPointK[i] = -pointSums[i] + entropy;
            }
        }
        if (grad == null) {
            return new Result(kNats, perStep, perPointK, null);
        }

        // Loss = -K = mean_batch sum KL - entropy. Gradients of the loss follow.
        double inv = 1.0 / batch;
        INDArray dMu = u.div(sigma).muli(inv);                                              // dKL/du (= dKL/dmu if diagonal)
        INDArray dC = null;
        if (full) {
            // u_2 = e_2 - c e_1: dKL/de_1 = dKL/du_1 - c dKL/du_2; dKL/dc = (c v~ - u_2 e_1) / s_2
            INDArray e1 = diff.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 1));
            INDArray u2 = u.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, 2));
            INDArray s2 = sigma.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, 2));
            INDArray dU2 = dMu.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, 2));
            dC = c.mul(vPostCol).subi(u2.mul(e1)).divi(s2).muli(inv * vScale);
            dMu.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 1)).subi(dU2.mul(c));
        }
        INDArray oneMinusSigma = sigma.rsub(1.0);
        INDArray dU = spread.div(sigma).rsubi(1.0).muli(oneMinusSigma).muli(0.5 * inv);     // dKL/d(pre-sigmoid)
        INDArray dz = full ? Nd4j.concat(2, dMu.mul(column(sqb, type)), dU.mul(vScale), dC)
                : Nd4j.concat(2, dMu.mul(column(sqb, type)), dU.mul(vScale));
        INDArray dxNet = net.backward(f, dz, grad).reshape(blocks, batch, dims);
        // x_t enters mu directly, through the network, and through the posterior mean (dKL/dmu~ = -dKL/dmu).
        INDArray dxt = dxNet.addi(dMu.mul(column(sq1mb, type))).subi(dMu.mul(column(c1, type)));

        double[] gSq1mb = dMu.mul(xt).sum(1, 2).toDoubleVector();
        double[] gSqb = dMu.mul(zMu).sum(1, 2).toDoubleVector();
        double[] gLogit = dU.sum(1, 2).toDoubleVector();
        double[] gC0 = dMu.mul(x0b).sum(1, 2).toDoubleVector();         // times -1 below
        double[] gC1 = dMu.mul(xt).sum(1, 2).toDoubleVector();          // times -1 below
        INDArray weightOverSigma = full ? traceWeight.div(sigma) : Transforms.pow(sigma, -1.0, true);   // dKL/dv~ = 0.5 (w/s - 1/v~)
        double[] gVPost = weightOverSigma.subi(vPostCol.rdiv(1.0)).muli(0.5 * inv).sum(1, 2).toDoubleVector();
        double[] gA = dxt.mul(x0b).sum(1, 2).toDoubleVector();
        double[] gSd = dxt.mul(noise).sum(1, 2).toDoubleVector();
        double[] gradBeta = scheduleGradient(s, dims, gA, gSd, neg(gC0), neg(gC1), gVPost, gSq1mb, gSqb, gLogit);
        return new Result(kNats, perStep, null, gradBeta);
    }

    private static double[] neg(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = -v[i];
        }
        return r;
    }

    /**
     * Chains the loss gradient w.r.t. each step's scalars (indexed by block k, t = k + 2) to d loss / d beta_t,
     * through abar_t = abar_{t-1} (1 - beta_t). The entropy term -d/2 ln(1 - abar_T) is included.
     */
    static double[] scheduleGradient(BetaSchedule s, int dims, double[] gA, double[] gSd, double[] gC0, double[] gC1,
                                     double[] gVPost, double[] gSq1mb, double[] gSqb, double[] gLogit) {
        int steps = s.steps();
        double[] gBeta = new double[steps + 1];     // index t
        double[] gAbar = new double[steps + 1];     // index t: d loss / d abar_t, abar_t treated as its own variable
        for (int k = 0; k < steps - 1; k++) {
            int t = k + 2;
            double b = s.beta(t);
            double ap = s.abar(t - 1);
            double at = s.abar(t);
            double om = 1 - at;
            gAbar[t] += gA[k] * 0.5 / Math.sqrt(at) - gSd[k] * 0.5 / Math.sqrt(om);
            // c0 = sqrt(ap) b / (1 - at)
            gAbar[t - 1] += gC0[k] * 0.5 / Math.sqrt(ap) * b / om;
            gBeta[t] += gC0[k] * Math.sqrt(ap) / om;
            gAbar[t] += gC0[k] * Math.sqrt(ap) * b / (om * om);
            // c1 = sqrt(1 - b) (1 - ap) / (1 - at)
            gBeta[t] += gC1[k] * -0.5 / Math.sqrt(1 - b) * (1 - ap) / om;
            gAbar[t - 1] += gC1[k] * -Math.sqrt(1 - b) / om;
            gAbar[t] += gC1[k] * Math.sqrt(1 - b) * (1 - ap) / (om * om);
            // v~ = b (1 - ap) / (1 - at)
            gBeta[t] += gVPost[k] * (1 - ap) / om;
            gAbar[t - 1] += gVPost[k] * -b / om;
            gAbar[t] += gVPost[k] * b * (1 - ap) / (om * om);
            // kernel: sqrt(1 - b), sqrt(b), logit(b)
            gBeta[t] += gSq1mb[k] * -0.5 / Math.sqrt(1 - b) + gSqb[k] * 0.5 / Math.sqrt(b) + gLogit[k] / (b * (1 - b));
        }
        // -K contains -d/2 ln(1 - abar_T) from H_q(X_T|X_0); H_q(X_1|X_0) depends on beta_1 only.
        gAbar[steps] += dims * 0.5 / (1 - s.abar(steps));
        gBeta[1] += dims * 0.5 / s.beta(1);          // -K contains +d/2 ln(beta_1) from -H_q(X_1|X_0)
        for (int t = steps; t >= 1; t--) {
            gAbar[t - 1] += gAbar[t] * (1 - s.beta(t));
            gBeta[t] += -gAbar[t] * s.abar(t - 1);
        }
        double[] out = new double[steps];
        System.arraycopy(gBeta, 1, out, 0, steps);
        return out;
    }
}
