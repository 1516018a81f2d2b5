package org.diffusionlab.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BlockMapsTest {

    private static INDArray ramp(long... shape) {
        float[] v = new float[(int) (shape[0] * shape[1] * shape[2] * shape[3])];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(0.37 * i + 0.1) * (1 + i % 5);     // no two neighbours alike
        }
        return Nd4j.createFromArray(v).reshape(shape);
    }

    @Test
    void sumDownIsTheSumOfEachBlockTimesTheScale() {
        INDArray maps = ramp(2, 6, 6, 3);
        INDArray expected = maps.reshape(2, 3, 2, 3, 2, 3).sum(2, 4).muli(0.25);
        INDArray got = BlockMaps.sumDown(maps, 2, 0.25);
        assertArrayEquals(new long[]{2, 3, 3, 3}, got.shape());
        assertEquals(0.0, got.sub(expected).amaxNumber().doubleValue(), 1e-5);
        // a hand-checked cell: image 1, block (2, 0), channel 2, of a 3 x 3 block average
        INDArray thirds = BlockMaps.sumDown(maps, 3, 1.0 / 9);
        double sum = 0;
        for (int y = 3; y < 6; y++) {
            for (int x = 0; x < 3; x++) {
                sum += maps.getDouble(1, y, x, 2);
            }
        }
        assertEquals(sum / 9, thirds.getDouble(1, 1, 0, 2), 1e-5);
    }

    @Test
    void spreadUpCopiesEachCellToItsBlockTimesTheScale() {
        INDArray maps = ramp(2, 3, 3, 4);
        INDArray got = BlockMaps.spreadUp(maps, 2, 0.5);
        assertArrayEquals(new long[]{2, 6, 6, 4}, got.shape());
        assertEquals(0.0, got.sub(maps.repeat(1, 2).repeat(2, 2).muli(0.5)).amaxNumber().doubleValue(), 1e-6);
        assertEquals(maps.getDouble(1, 2, 1, 3) * 0.5, got.getDouble(1, 5, 3, 3), 1e-6);
    }

    @Test
    void spreadingUpIsTheAdjointOfSummingDown() {
        // <sumDown(a), b> = <a, spreadUp(b)>: what makes one the other's back-propagation
        INDArray a = ramp(1, 4, 4, 2).muli(0.1);
        INDArray b = ramp(1, 2, 2, 2).muli(-0.3);
        double left = BlockMaps.sumDown(a, 2, 1).mul(b).sumNumber().doubleValue();
        double right = a.mul(BlockMaps.spreadUp(b, 2, 1)).sumNumber().doubleValue();
        assertEquals(left, right, 1e-4);
    }
}
