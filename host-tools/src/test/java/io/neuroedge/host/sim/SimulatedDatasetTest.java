package io.neuroedge.host.sim;

import io.neuroedge.events.EventArray;
import io.neuroedge.events.nmnist.NMnistReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link SimulatedDataset} with small hand-made scenes. */
class SimulatedDatasetTest {

    @TempDir
    Path dir;

    /** Recording i holds i + 1 events at pixel (i, seed & 7); label 10 + i. */
    private static final class Counting implements Scene {
        private final int failAt;

        Counting(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public int size() {
            return 5;
        }

        @Override
        public int width() {
            return 34;
        }

        @Override
        public int height() {
            return 34;
        }

        @Override
        public int label(int index) {
            return 10 + index;
        }

        @Override
        public EventArray record(int index, DvsParameters parameters) {
            if (index == failAt) {
                throw new IllegalArgumentException("scene failed at " + index);
            }
            EventArray events = new EventArray();
            for (int k = 0; k <= index; k++) {
                events.event(index, (int) (parameters.seed() & 7), k & 1, 100L * k);
            }
            return events;
        }
    }

    @Test
    void writesOneFilePerRecordingAndTheLabelList() throws IOException {
        SimulatedDataset.Summary s = new SimulatedDataset(DvsParameters.DEFAULT, "nmnist", 2)
                .write(new Counting(-1), "train", dir);
        assertEquals(5, s.recordings());
        assertEquals(1 + 2 + 3 + 4 + 5, s.events());
        assertEquals(0 + 1 + 1 + 2 + 2, s.onEvents());
        for (int i = 0; i < 5; i++) {
            EventArray back = new NMnistReader().readAll(dir.resolve("train/" + i + ".bs2"));
            assertEquals(i + 1, back.size());
            assertEquals(i, back.x(0));
        }
        assertEquals("""
                file,label,split,index
                train/0.bs2,10,train,0
                train/1.bs2,11,train,1
                train/2.bs2,12,train,2
                train/3.bs2,13,train,3
                train/4.bs2,14,train,4
                """, Files.readString(dir.resolve("labels.csv")));
    }

    @Test
    void recordingSeedsDifferPerIndexAndDependOnlyOnSeedAndIndex() {
        Set<Long> seeds = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seeds.add(SimulatedDataset.recordingSeed(1, i));
            seeds.add(SimulatedDataset.recordingSeed(2, i));
        }
        assertEquals(2000, seeds.size());
        assertEquals(SimulatedDataset.recordingSeed(5, 9), SimulatedDataset.recordingSeed(5, 9));
    }

    @Test
    void aFailingRecordingFailsTheRunWithoutALabelList() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimulatedDataset(DvsParameters.DEFAULT, "evt3", 3).write(new Counting(3), "test", dir));
        assertEquals("scene failed at 3", e.getMessage());
        assertFalse(Files.exists(dir.resolve("labels.csv")));
    }

    @Test
    void extensionsFollowTheFormat() {
        assertEquals("test/7.bs2", new SimulatedDataset(DvsParameters.DEFAULT, "nmnist", 1).file("test", 7));
        assertEquals("test/7.raw", new SimulatedDataset(DvsParameters.DEFAULT, "EVT3", 1).file("test", 7));
        assertEquals("test/7.aedat4", new SimulatedDataset(DvsParameters.DEFAULT, "aedat4", 1).file("test", 7));
        assertThrows(IllegalArgumentException.class, () -> new SimulatedDataset(DvsParameters.DEFAULT, "dat", 1));
        assertThrows(IllegalArgumentException.class, () -> new SimulatedDataset(DvsParameters.DEFAULT, "nmnist", 0));
    }
}
