package org.diffusionlab.engine.image;

import org.diffusionlab.engine.model.FlatParameters;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A 3x3 convolution with zero ("same") padding on NHWC feature maps, as nine matrix products on shifted row ranges.
 * With the padded maps flattened to rows (b, y, x) of C channels, the neighbour (dy, dx) of every row is the row
 * dy*(W+2)+dx further on, so each kernel tap is one {@code gemm} on a contiguous row range: no im2col copy (building
 * one with ND4J's concat of strided views was 20 times slower than the products themselves on this machine). Rows on
 * the padding border receive junk and are cut away afterwards.
 */
final class Conv3x3 {

    private Conv3x3() {
    }

    /** What the backward pass needs from the forward one. */
    record Cache(INDArray paddedInput, long batch, long height, long width) {
    }

    /**
     * @param x      [B, H, W, Cin]
     * @param p      holds {@code name.W} [9, Cin, Cout] (tap k = (dy + 1) * 3 + (dx + 1)) and {@code name.b} [1, Cout]
     * @return the output [B, H, W, Cout] (a fresh array) and the cache in {@code cacheOut[0]}
     */
    static INDArray forward(INDArray x, FlatParameters p, String name, Cache[] cacheOut) {
        long b = x.size(0), h = x.size(1), w = x.size(2), cin = x.size(3);
        long cout = p.get(name + ".b").size(1);
        String weight = name + ".W";
        INDArray bias = p.get(name + ".b");
        long ph = h + 2, pw = w + 2, rows = b * ph * pw, margin = pw + 1;
        INDArray padded = Nd4j.pad(x, new int[][]{{0, 0}, {1, 1}, {1, 1}, {0, 0}}).reshape(rows, cin);
        INDArray out = Nd4j.create(x.dataType(), rows, cout);
        INDArray inner = out.get(NDArrayIndex.interval(margin, rows - margin), NDArrayIndex.all());
        for (int k = 0; k < 9; k++) {
            long off = (k / 3 - 1) * pw + (k % 3 - 1);
            INDArray src = padded.get(NDArrayIndex.interval(margin + off, rows - margin + off), NDArrayIndex.all());
            Nd4j.gemm(src, tap(p, weight, k, cin, cout), inner, false, false, 1.0, k == 0 ? 0.0 : 1.0);
        }
        if (cacheOut != null) {
            cacheOut[0] = new Cache(padded, b, h, w);
        }
        INDArray y = interior(out, b, ph, pw, cout);
        y.reshape(b * h * w, cout).addiRowVector(bias);
        return y;
    }

    /**
     * Back-propagates {@code dOut} ([B, H, W, Cout]); adds the weight and bias gradients into {@code grad}'s slots
     * of the same names; returns d/d input ([B, H, W, Cin]) unless {@code needInput} is false.
     */
    static INDArray backward(Cache c, FlatParameters p, String name, INDArray dOut, FlatParameters grad,
                             boolean needInput) {
        String weight = name + ".W";
        long cin = c.paddedInput().size(1), cout = dOut.size(3);
        INDArray dBias = grad.get(name + ".b");
        long ph = c.height() + 2, pw = c.width() + 2, rows = c.batch() * ph * pw, margin = pw + 1;
        dBias.addi(dOut.reshape(c.batch() * c.height() * c.width(), cout).sum(true, 0));
        // Zero on the border rows, so the junk outputs there contribute nothing.
        INDArray dPadded = Nd4j.pad(dOut, new int[][]{{0, 0}, {1, 1}, {1, 1}, {0, 0}}).reshape(rows, cout);
        INDArray dInner = dPadded.get(NDArrayIndex.interval(margin, rows - margin), NDArrayIndex.all());
        INDArray dIn = needInput ? Nd4j.zeros(dOut.dataType(), rows, cin) : null;
        for (int k = 0; k < 9; k++) {
            long off = (k / 3 - 1) * pw + (k % 3 - 1);
            INDArray src = c.paddedInput().get(NDArrayIndex.interval(margin + off, rows - margin + off), NDArrayIndex.all());
            Nd4j.gemm(src, dInner, tap(grad, weight, k, cin, cout), true, false, 1.0, 1.0);
            if (needInput) {
                INDArray dst = dIn.get(NDArrayIndex.interval(margin + off, rows - margin + off), NDArrayIndex.all());
                Nd4j.gemm(dInner, tap(p, weight, k, cin, cout), dst, false, true, 1.0, 1.0);
            }
        }
        return needInput ? interior(dIn, c.batch(), ph, pw, cin) : null;
    }

    /** Kernel tap k as a [Cin, Cout] view of the flat buffer (taken from the buffer: sub-views of reshaped views can go wrong). */
    private static INDArray tap(FlatParameters p, String weight, int k, long cin, long cout) {
        return p.leadingSlices(weight, k, 1).reshape(cin, cout);
    }

    /** The unpadded part of padded rows, as a fresh [B, H, W, C] array. */
    private static INDArray interior(INDArray paddedRows, long b, long ph, long pw, long c) {
        return paddedRows.reshape(b, ph, pw, c)
                .get(NDArrayIndex.all(), NDArrayIndex.interval(1, ph - 1), NDArrayIndex.interval(1, pw - 1), NDArrayIndex.all())
                .dup();
    }
}
