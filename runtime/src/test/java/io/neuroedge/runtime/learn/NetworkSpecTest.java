package io.neuroedge.runtime.learn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkSpecTest {

    @Test
    void parsesDenseSpec() {
        NetworkSpec s = NetworkSpec.parse("784-400-10");
        assertEquals(784, s.inputSize());
        assertEquals(2, s.layers().size());
        NetworkSpec.Dense d = assertInstanceOf(NetworkSpec.Dense.class, s.layers().get(0));
        assertEquals(784, d.inputs());
        assertEquals(400, d.outputs());
        assertEquals(10, s.classes());
    }

    @Test
    void parsesConvSpecAndResolvesShapes() {
        NetworkSpec s = NetworkSpec.parse("1x28x28-c16k5-p2-c32k5-p2-10");
        assertEquals(5, s.layers().size());
        assertEquals(new NetworkSpec.Dims(16, 24, 24), s.layers().get(0).out());
        assertEquals(new NetworkSpec.Dims(16, 12, 12), s.layers().get(1).out());
        assertEquals(new NetworkSpec.Dims(32, 8, 8), s.layers().get(2).out());
        assertEquals(new NetworkSpec.Dims(32, 4, 4), s.layers().get(3).out());
        NetworkSpec.Dense d = assertInstanceOf(NetworkSpec.Dense.class, s.layers().get(4));
        assertEquals(512, d.inputs());

        NetworkSpec e = NetworkSpec.parse("2x34x34-c8k5s2p2-p2-10");
        NetworkSpec.Conv c = assertInstanceOf(NetworkSpec.Conv.class, e.layers().get(0));
        assertEquals(2, c.stride());
        assertEquals(2, c.padding());
        assertEquals(new NetworkSpec.Dims(8, 17, 17), c.out()); // (34 + 4 − 5)/2 + 1
        assertEquals(new NetworkSpec.Dims(8, 8, 8), e.layers().get(1).out()); // the 17th row/column is dropped
        assertEquals(new NetworkSpec.Dims(8, 15, 15), NetworkSpec.parse("2x34x34-c8k5s2-p2-10").layers().get(0).out());
    }

    @Test
    void rejectsBadSpecsWithClearMessages() {
        assertMessage("", "empty");
        assertMessage("784", "at least one layer");
        assertMessage("784-x-10", "'x'");
        assertMessage("784-0-10", "positive");
        assertMessage("1x28x28-c8k5", "dense readout");
        assertMessage("1x6x6-c8k5-p3-10", "larger than the");
        assertMessage("784-p2-10", "must follow a conv");
        assertMessage("1x4x4-c2k7-10", "larger than the padded input");
        assertMessage("784-100-c4k3-10", "CxHxW");
        assertMessage("28x28-10", "input");
    }

    private static void assertMessage(String spec, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkSpec.parse(spec));
        assertTrue(e.getMessage().contains(fragment), "message for '" + spec + "' should mention '" + fragment + "': " + e.getMessage());
    }
}
