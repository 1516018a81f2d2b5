package org.diffusionlab.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConvArchitectureTest {

    @Test
    void summedFormRoundTripsAndKeepsItsLayout() {
        ConvArchitecture a = ConvArchitecture.parse("ms:c16x2@1,2,4/d32/j10");
        assertEquals(ConvArchitecture.DEFAULT, a);
        assertFalse(a.concatenated());
        assertEquals(16, a.featureWidth());
        assertEquals("ms:c16x2@1,2,4/d32/j10", a.toString());
        // 3 scales x (9*1*16+16 + 9*16*16+16) + 16*32+32 + 32*20+20
        assertEquals(8644, ImageNetwork.layout(a, 28).build(org.nd4j.linalg.api.buffer.DataType.FLOAT).size());
    }

    @Test
    void perScaleChannelsConcatenate() {
        ConvArchitecture a = ConvArchitecture.parse("ms:c8,16,32x2@1,2,4/d32/j10");
        assertTrue(a.concatenated());
        assertEquals(56, a.featureWidth());
        assertEquals(16, a.channelsAt(1));
        assertEquals("ms:c8,16,32x2@1,2,4/d32/j10", a.toString());
        assertEquals(a, ConvArchitecture.parse(a.toString()));
        long expected = (9 * 8 + 8 + 9 * 8 * 8 + 8) + (9 * 16 + 16 + 9 * 16 * 16 + 16) + (9 * 32 + 32 + 9 * 32 * 32 + 32)
                + 56 * 32 + 32 + 32 * 20 + 20;
        assertEquals(expected, ImageNetwork.layout(a, 28).build(org.nd4j.linalg.api.buffer.DataType.FLOAT).size());
    }

    @Test
    void wholeImagePathRoundTripsAndAddsItsFeatures() {
        ConvArchitecture a = ConvArchitecture.parse("ms:c16x2@1,2,4/g64,32x2/d32/j10");
        assertTrue(a.hasGlobalPath());
        assertEquals(18, a.featureWidth());
        assertEquals("ms:c16x2@1,2,4/g64,32x2/d32/j10", a.toString());
        assertEquals(a, ConvArchitecture.parse(a.toString()));
        long global = 784 * 64 + 64 + 64 * 32 + 32 + 32 * 784 * 2 + 784 * 2;
        long convs = 3 * (9 * 16 + 16 + 9 * 16 * 16 + 16);
        assertEquals(convs + global + 18 * 32 + 32 + 32 * 20 + 20,
                ImageNetwork.layout(a, 28).build(org.nd4j.linalg.api.buffer.DataType.FLOAT).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvArchitecture.parse("ms:c16x2@1,2,4/g64x0/d32/j10"));
        assertTrue(e.getMessage().contains("whole-image path"), e.getMessage());
    }

    @Test
    void fullResolutionStackRoundTripsAndFeedsTheDenseLayer() {
        ConvArchitecture a = ConvArchitecture.parse("ms:c16x2@1,2,4/g64x2/p24x2/d32/j10");
        assertTrue(a.hasPostConvolutions());
        assertEquals(18, a.featureWidth());
        assertEquals(24, a.denseInputWidth());
        assertEquals("ms:c16x2@1,2,4/g64x2/p24x2/d32/j10", a.toString());
        assertEquals(a, ConvArchitecture.parse(a.toString()));
        ConvArchitecture withoutGlobal = ConvArchitecture.parse("ms:c16x2@1,2,4/p24x1/d32/j10");
        assertEquals(16, withoutGlobal.featureWidth());
        assertFalse(withoutGlobal.hasGlobalPath());
        long global = 784 * 64 + 64 + 64 * 784 * 2 + 784 * 2;
        long convs = 3 * (9 * 16 + 16 + 9 * 16 * 16 + 16);
        long post = 9 * 18 * 24 + 24 + 9 * 24 * 24 + 24;
        assertEquals(convs + global + post + 24 * 32 + 32 + 32 * 20 + 20,
                ImageNetwork.layout(a, 28).build(org.nd4j.linalg.api.buffer.DataType.FLOAT).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvArchitecture.parse("ms:c16x2@1,2,4/p24x0/d32/j10"));
        assertTrue(e.getMessage().contains("full-resolution stack"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConvArchitecture.parse("ms:c16x2@1,2,4/p0x0/d32/j10"));
        assertThrows(IllegalArgumentException.class, () -> ConvArchitecture.parse("ms:c16x2@1,2,4/p24x2/g64x2/d32/j10"));
        assertThrows(IllegalArgumentException.class, () -> ConvArchitecture.parse("ms:c16x2@1,2,4/px2/d32/j10"));
        assertNotEquals(a, ConvArchitecture.parse("ms:c16x2@1,2,4/g64x2/d32/j10"));
    }

    @Test
    void stepBiasesRoundTripAndAddOneBiasPerBumpToEveryHiddenLayer() {
        ConvArchitecture plain = ConvArchitecture.parse("ms:c16x2@1,2,4/g64x2/p24x2/d32/j10");
        ConvArchitecture a = ConvArchitecture.parse("ms:c16x2@1,2,4/g64x2/p24x2/d32/j10/tb");
        assertTrue(a.stepBiases());
        assertFalse(plain.stepBiases());
        assertEquals("ms:c16x2@1,2,4/g64x2/p24x2/d32/j10/tb", a.toString());
        assertEquals(a, ConvArchitecture.parse(a.toString()));
        assertNotEquals(a, plain);
        assertEquals(a, plain.withStepBiases(true));
        // J = 10 biases for each unit of the six scale convolutions, the whole-image hidden layer, the two
        // full-resolution layers and the dense layer; none for the whole-image path's output or the readout
        long hiddenUnits = 6 * 16 + 64 + 2 * 24 + 32;
        assertEquals(10 * hiddenUnits, ImageNetwork.layout(a, 28).build(org.nd4j.linalg.api.buffer.DataType.FLOAT).size()
                - ImageNetwork.layout(plain, 28).build(org.nd4j.linalg.api.buffer.DataType.FLOAT).size());
        assertThrows(IllegalArgumentException.class, () -> ConvArchitecture.parse("ms:c16x2@1,2,4/tb/d32/j10"));
    }

    @Test
    void chainedScalesRoundTripAndReadThePreviousScalesChannels() {
        ConvArchitecture parallel = ConvArchitecture.parse("ms:c8,16,32x2@1,2,4/p24x2/d32/j10/tb");
        ConvArchitecture a = ConvArchitecture.parse("hs:c8,16,32x2@1,2,4/p24x2/d32/j10/tb");
        assertTrue(a.chained());
        assertFalse(parallel.chained());
        assertEquals("hs:c8,16,32x2@1,2,4/p24x2/d32/j10/tb", a.toString());
        assertEquals(a, ConvArchitecture.parse(a.toString()));
        assertNotEquals(a, parallel);
        assertEquals(a, parallel.withChainedScales(true));
        assertEquals(1, a.inputChannelsAt(0));
        assertEquals(8, a.inputChannelsAt(1));
        assertEquals(16, a.inputChannelsAt(2));
        assertEquals(1, parallel.inputChannelsAt(2));
        // the first convolution of the half and quarter scales reads 8 and 16 channels instead of 1
        assertEquals(9 * (7 * 16 + 15 * 32), ImageNetwork.layout(a, 28).build(org.nd4j.linalg.api.buffer.DataType.FLOAT).size()
                - ImageNetwork.layout(parallel, 28).build(org.nd4j.linalg.api.buffer.DataType.FLOAT).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvArchitecture.parse("hs:c8x2@1,2,7/d32/j10"));
        assertTrue(e.getMessage().contains("each divide the next"), e.getMessage());
        assertEquals(7, ConvArchitecture.parse("ms:c8x2@1,2,7/d32/j10").scales()[2]);
    }

    @Test
    void refusesAChannelCountPerScaleMismatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvArchitecture.parse("ms:c8,16x2@1,2,4/d32/j10"));
        assertTrue(e.getMessage().contains("one channel count per scale"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConvArchitecture.parse("ms:c8,0,4x2@1,2,4/d32/j10"));
    }
}
