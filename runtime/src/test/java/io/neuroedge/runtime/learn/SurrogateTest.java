package io.neuroedge.runtime.learn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SurrogateTest {

    private static float[] apply(Surrogate s, float... x) {
        float[] y = x.clone();
        s.derivativeInPlace(y, y.length);
        return y;
    }

    @Test
    void shapes() {
        assertArrayEquals(new float[] {1f, (float) Math.exp(-0.5), (float) Math.exp(-2)}, apply(Surrogate.EXP, 0f, 0.5f, -2f));
        assertArrayEquals(new float[] {1f, 1f, 0f, 0f}, apply(Surrogate.rectangular(1f), 0f, -0.49f, 0.5f, 3f));
        assertArrayEquals(new float[] {0.5f, 0.25f, 0f}, apply(Surrogate.triangular(2f), 0f, -1f, 2.5f));
    }

    @Test
    void namesRoundTripThroughParse() {
        assertSame(Surrogate.EXP, Surrogate.parse("exp"));
        assertEquals("rect:0.5", Surrogate.parse("rect:0.5").name());
        assertEquals("tri:1.0", Surrogate.parse("tri").name());
        assertThrows(IllegalArgumentException.class, () -> Surrogate.parse("gauss"));
        assertThrows(IllegalArgumentException.class, () -> Surrogate.rectangular(0f));
        assertEquals(Algorithm.STOP_WTL, Algorithm.parse("stop-wtl"));
        assertThrows(IllegalArgumentException.class, () -> Algorithm.parse("sgd"));
    }

    @Test
    void trainerRejectsSamplesOfTheWrongShape() {
        SampleSource wrong = SampleSource.direct(new byte[][] {{1, 2, 3}}, new int[] {0});
        SampleSource tooShort = SampleSource.counts(new byte[][] {new byte[8]}, 2, 4, new int[] {0});
        try (Trainer t = new Trainer(FloatNetwork.initialize("4-3-2", 1), Trainer.Options.defaults(Algorithm.STOP_W, 4).withThreads(1))) {
            assertThrows(IllegalArgumentException.class, () -> t.trainEpoch(wrong, null));
            assertThrows(IllegalArgumentException.class, () -> t.evaluate(tooShort));
        }
    }
}
