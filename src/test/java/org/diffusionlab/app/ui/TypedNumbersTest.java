package org.diffusionlab.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class TypedNumbersTest {

    @Test
    void wholeNumbersReadDigitGroupsAndSayTheRange() {
        assertEquals(10_000, TypedNumbers.wholeNumber(" 10,000 ", "Points", 1000, 100_000).value());
        assertEquals(2_500, TypedNumbers.wholeNumber("2_500", "Points", 1000, 100_000).value());
        assertEquals("Points must be a whole number from 1,000 to 100,000, got 12",
                TypedNumbers.wholeNumber("12", "Points", 1000, 100_000).problem());
        assertEquals("Points must be a whole number from 1,000 to 100,000",
                TypedNumbers.wholeNumber("  ", "Points", 1000, 100_000).problem());
        assertEquals("Points must be a whole number from 1,000 to 100,000",
                TypedNumbers.wholeNumber(null, "Points", 1000, 100_000).problem());
        assertFalse(TypedNumbers.wholeNumber("1e4", "Points", 1000, 100_000).isValid());
    }

    @Test
    void seedsAreAnyLong() {
        assertEquals(-7L, TypedNumbers.seed(" -7 ").value());
        assertEquals("The seed must be a whole number, got x", TypedNumbers.seed("x").problem());
        assertEquals("The seed must be a whole number", TypedNumbers.seed("").problem());
    }

    @Test
    void theNextSeedIsShortAndNew() {
        for (int i = 0; i < 100; i++) {
            long next = TypedNumbers.nextSeed("5");
            assertNotEquals(5, next);
            assertEquals(true, next >= 1 && next <= 1_000_000);
        }
        assertEquals(true, TypedNumbers.nextSeed("not a number") >= 1);
    }
}
