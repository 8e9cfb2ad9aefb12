package io.neuroedge.host.train;

import io.neuroedge.proto.model.EpochRecord;
import io.neuroedge.proto.model.TrainedModel;
import io.neuroedge.proto.model.TrainingCheckpoint;
import io.neuroedge.proto.model.TrainingInfo;
import io.neuroedge.runtime.learn.FloatNetwork;
import io.neuroedge.runtime.learn.Trainer;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One host training run as {@code neuroedge train} and the demo do it: a trainer over a
 * {@link TrainingData} set, epochs with the progress line and a test accuracy each, a checkpoint
 * after every epoch, and the trained model with its training info. Closing it stops the trainer's
 * workers.
 */
public final class TrainingSession implements AutoCloseable {

    /** Receives the checkpoint after every epoch (e.g. written atomically to a file). */
    @FunctionalInterface
    public interface CheckpointSink {
        void write(TrainingCheckpoint checkpoint) throws IOException;
    }

    /**
     * What the epochs of {@link #train} did.
     *
     * @param testAccuracy   test accuracy of the network as it is now
     * @param trainSeconds   training time of the epochs run (evaluation excluded)
     * @param samplesTrained samples the epochs run went through
     * @param history        every epoch's figures, including those of the run a session resumed
     */
    public record Outcome(double testAccuracy, double trainSeconds, long samplesTrained, List<EpochRecord> history) {

        /** Samples per second of training, 0 when no epoch ran. */
        public double samplesPerSecond() {
            return trainSeconds > 0 ? samplesTrained / trainSeconds : 0;
        }
    }

    private final TrainingData data;
    private final Trainer trainer;
    private final int steps;
    private final TrainingInfo info;
    private final List<EpochRecord> history = new ArrayList<>();

    /**
     * @param info the run's training info (algorithm, dataset, seed, how it was made); epochs and
     *             test accuracy are filled in for each checkpoint and the model
     */
    private TrainingSession(TrainingData data, Trainer trainer, int steps, TrainingInfo info) {
        this.data = data;
        this.trainer = trainer;
        this.steps = steps;
        this.info = info;
    }

    /** A session training {@code initial} from scratch. */
    public static TrainingSession start(TrainingData data, FloatNetwork initial, Trainer.Options options,
                                        TrainingInfo info) {
        return checked(new TrainingSession(data, new Trainer(initial, options), options.timeSteps(), info));
    }

    /** A session continuing from {@code checkpoint} (its epochs count towards {@link #train}'s total). */
    public static TrainingSession resume(TrainingData data, TrainingCheckpoint checkpoint, Trainer.Options options,
                                         TrainingInfo info) {
        TrainingSession s = new TrainingSession(data, Trainer.resume(checkpoint, options), options.timeSteps(), info);
        s.history.addAll(checkpoint.getModel().getTraining().getHistoryList());
        return checked(s);
    }

    /** Rejects a network whose input does not match the data's frames (and stops its trainer). */
    private static TrainingSession checked(TrainingSession s) {
        int want = s.trainer.network().spec().inputSize();
        if (want != s.data.train().inputSize()) {
            s.close();
            throw new IllegalArgumentException("--arch takes " + want + " inputs but " + s.data.name() + " gives "
                    + s.data.train().inputSize() + " per step (" + s.data.input().getChannels() + "x"
                    + s.data.input().getHeight() + "x" + s.data.input().getWidth() + ")");
        }
        return s;
    }

    /**
     * Trains until {@code epochs} epochs are done in total, drawing the progress line on
     * {@code progress} and handing a checkpoint to {@code checkpoints} (may be null) after each epoch.
     */
    public Outcome train(int epochs, PrintWriter progress, CheckpointSink checkpoints) throws IOException {
        ProgressBar bar = new ProgressBar(progress, epochs);
        double seconds = 0;
        long samples = 0;
        double testAccuracy = Double.NaN;
        for (int epoch = trainer.epochsDone(); epoch < epochs; epoch++) {
            Trainer.EpochResult r = trainer.trainEpoch(data.train(), bar::update);
            seconds += r.seconds();
            samples += data.train().size();
            testAccuracy = trainer.evaluate(data.test());
            bar.epochDone(r, testAccuracy);
            history.add(EpochRecord.newBuilder().setEpoch(epoch + 1).setLoss(r.meanLoss())
                    .setTrainAccuracy(r.trainAccuracy()).setTestAccuracy(testAccuracy).build());
            if (checkpoints != null) {
                checkpoints.write(trainer.checkpoint(data.encoding(), info(epoch + 1, testAccuracy), List.of()));
            }
        }
        if (Double.isNaN(testAccuracy)) { // resumed at its last epoch: nothing trained, still report the network
            testAccuracy = trainer.evaluate(data.test());
        }
        return new Outcome(testAccuracy, seconds, samples, List.copyOf(history));
    }

    /** The trained model, recording its epochs, {@code testAccuracy} and, for event data, the binning. */
    public TrainedModel model(double testAccuracy) {
        TrainedModel m = trainer.network().toModel(data.encoding(), steps, info(trainer.epochsDone(), testAccuracy),
                List.of());
        return data.events() == null ? m : m.toBuilder().setEvents(data.events()).build();
    }

    /** Learner memory per worker thread, in bytes. */
    public long learnerBytesPerWorker() {
        return trainer.learnerBytesPerWorker();
    }

    public TrainingData data() {
        return data;
    }

    private TrainingInfo info(int epochsDone, double testAccuracy) {
        return info.toBuilder().setEpochs(epochsDone).setTestAccuracy(testAccuracy).clearHistory().addAllHistory(history)
                .build();
    }

    @Override
    public void close() {
        trainer.close();
    }
}
