package org.diffusionlab.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The bound's closed-form sanity case (FACTS.md): N(0, I) data and the exact reverse kernel give K - L_null = 0. */
class ImageBoundTest {

    @Test
    void gaussianDataUnderTheExactReverseKernelScoreLNull() {
        ImageTrainingConfig c = new ImageTrainingConfig("deadleaves", 8, 30, "linear", 1e-2,
                new ConvArchitecture(4, 1, new int[]{1, 2}, 6, 3), 1e-3, 8, 1, 4);
        // An untrained network has a zero readout: z = 0, the exact reverse kernel for N(0, I) data.
        ImageDiffusionModel m = ImageDiffusionModel.untrained(c, 0, 1, false);
        Nd4j.getRandom().setSeed(3);
        INDArray x0 = Nd4j.randn(DataType.FLOAT, 200, 64);
        ImageBound.Result r = ImageBound.evaluate(m.kernel(), x0, 7, null);
        assertEquals(0.0, r.kMinusNullBits(), 4 * r.standardError() + 0.002,
                "K - L_null = " + r.kMinusNullBits() + " +/- " + r.standardError());
        assertTrue(r.standardError() < 0.02, "the estimate is sharp enough to mean something: se " + r.standardError());
        assertEquals(-2.047, ImageDiffusionModel.nullBitsPerPixel(), 1e-3);
        assertEquals(0.0, r.perStepKlBits()[1], 0.0);
    }
}
