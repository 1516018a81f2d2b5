package org.diffusionlab.engine.image;

import java.util.Random;
import org.diffusionlab.data.DigitImages;
import org.diffusionlab.engine.model.FlatParameters;
import org.diffusionlab.engine.train.Optimizer;
import org.diffusionlab.engine.train.OptimizerKind;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A small digit classifier (28 x 28 pixels in [0, 1], one hidden layer of rectified units, softmax over the ten
 * classes), trained on the 8,000 training digits. It is the judge of {@link DigitLegibility}: whether a generated
 * image reads as a digit is put to a network that has only ever seen real ones. Gradients are derived by hand (the
 * softmax cross-entropy's is p - y) and checked against finite differences in the tests.
 */
public final class DigitClassifier {

    public static final int CLASSES = 10;
    static final int HIDDEN = 256;
    private static final int PIXELS = 28 * 28;

    private final FlatParameters params;

    private DigitClassifier(FlatParameters params) {
        this.params = params;
    }

    /** An untrained classifier with small random weights (He initialisation). */
    static DigitClassifier initialise(long seed) {
        FlatParameters p = new FlatParameters.Builder()
                .add("w1", PIXELS, HIDDEN).add("b1", 1, HIDDEN)
                .add("w2", HIDDEN, CLASSES).add("b2", 1, CLASSES)
                .build(DataType.FLOAT);
        Random rng = new Random(seed);
        fill(p.get("w1"), rng, Math.sqrt(2.0 / PIXELS));
        fill(p.get("w2"), rng, Math.sqrt(2.0 / HIDDEN));
        return new DigitClassifier(p);
    }

    private static void fill(INDArray a, Random rng, double scale) {
        float[] v = new float[(int) a.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rng.nextGaussian() * scale);
        }
        a.assign(Nd4j.create(v, a.shape(), 'c'));
    }

    /**
     * Trains on the 8,000 training digits: Adam (lr 1e-3), batches of 64, the given number of passes, each image
     * shifted by up to two pixels at random so that a digit drawn a little off centre is still recognised.
     */
    public static DigitClassifier train(DigitImages digits, int epochs, long seed) {
        DigitClassifier c = initialise(seed);
        float[][] images = digits.allTraining();
        int[] labels = new int[images.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = digits.label(i);
        }
        FlatParameters grad = c.params.zerosLike();
        Optimizer adam = new Optimizer(OptimizerKind.ADAM, c.params.flat());
        Random rng = new Random(seed ^ 0xD161L);
        int batch = 64;
        int[] order = new int[images.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int e = 0; e < epochs; e++) {
            shuffle(order, rng);
            for (int from = 0; from + batch <= order.length; from += batch) {
                float[][] x = new float[batch][];
                int[] y = new int[batch];
                for (int i = 0; i < batch; i++) {
                    x[i] = shifted(images[order[from + i]], rng.nextInt(5) - 2, rng.nextInt(5) - 2);
                    y[i] = labels[order[from + i]];
                }
                c.lossAndGradient(x, y, grad);
                adam.step(c.params.flat(), grad.flat(), 1e-3);
            }
        }
        return c;
    }

    private static void shuffle(int[] a, Random rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The image moved dx pixels right and dy down; what moves in from the border is background (0). */
    static float[] shifted(float[] image, int dx, int dy) {
        float[] out = new float[PIXELS];
        for (int y = 0; y < 28; y++) {
            int sy = y - dy;
            if (sy < 0 || sy >= 28) {
                continue;
            }
            for (int x = 0; x < 28; x++) {
                int sx = x - dx;
                if (sx >= 0 && sx < 28) {
                    out[y * 28 + x] = image[sy * 28 + sx];
                }
            }
        }
        return out;
    }

    /** Class probabilities, [n][10]. Pixel values outside [0, 1] (a sample's overshoot) are clipped first. */
    public double[][] probabilities(float[][] images) {
        double[][] out = new double[images.length][];
        int chunk = 512;
        for (int from = 0; from < images.length; from += chunk) {
            int n = Math.min(chunk, images.length - from);
            float[][] part = new float[n][];
            for (int i = 0; i < n; i++) {
                part[i] = clipped(images[from + i]);
            }
            INDArray p = softmax(forward(batch(part), null));
            for (int i = 0; i < n; i++) {
                out[from + i] = p.getRow(i).toDoubleVector();
            }
        }
        return out;
    }

    /** The fraction of the images whose most probable class is their label. */
    public double accuracy(float[][] images, int[] labels) {
        double[][] p = probabilities(images);
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            right += argMax(p[i]) == labels[i] ? 1 : 0;
        }
        return (double) right / p.length;
    }

    static int argMax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    private static float[] clipped(float[] image) {
        float[] c = new float[image.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.max(0f, Math.min(1f, image[i]));
        }
        return c;
    }

    private INDArray batch(float[][] images) {
        return Nd4j.create(images).castTo(params.dataType());
    }

    /** Logits [n, 10]; the hidden activations go to {@code hiddenOut[0]} when it is not null. */
    private INDArray forward(INDArray x, INDArray[] hiddenOut) {
        INDArray h = Transforms.relu(x.mmul(params.get("w1")).addiRowVector(params.get("b1")), false);
        if (hiddenOut != null) {
            hiddenOut[0] = h;
        }
        return h.mmul(params.get("w2")).addiRowVector(params.get("b2"));
    }

    private static INDArray softmax(INDArray logits) {
        INDArray z = logits.subColumnVector(logits.max(1).reshape(logits.rows(), 1));
        Transforms.exp(z, false);
        return z.diviColumnVector(z.sum(1).reshape(z.rows(), 1));
    }

    /** The mean cross-entropy (nats) of the labels, and its gradient written to {@code grad}. */
    double lossAndGradient(float[][] images, int[] labels, FlatParameters grad) {
        int n = images.length;
        INDArray x = batch(images);
        INDArray[] hidden = new INDArray[1];
        INDArray p = softmax(forward(x, hidden));
        double loss = 0;
        INDArray dz = p.dup();
        for (int i = 0; i < n; i++) {
            loss -= Math.log(Math.max(p.getDouble(i, labels[i]), 1e-30));
            dz.putScalar(i, labels[i], dz.getDouble(i, labels[i]) - 1);
        }
        dz.divi(n);
        INDArray h = hidden[0];
        grad.get("w2").assign(h.transpose().mmul(dz));
        grad.get("b2").assign(dz.sum(0).reshape(1, CLASSES));
        INDArray dh = dz.mmul(params.get("w2").transpose()).muli(h.gt(0).castTo(params.dataType()));
        grad.get("w1").assign(x.transpose().mmul(dh));
        grad.get("b1").assign(dh.sum(0).reshape(1, HIDDEN));
        return loss / n;
    }

    FlatParameters parameters() {
        return params;
    }

    /** The same classifier in double precision (for checking gradients by finite differences). */
    DigitClassifier inDoublePrecision() {
        return new DigitClassifier(params.castTo(DataType.DOUBLE));
    }
}
