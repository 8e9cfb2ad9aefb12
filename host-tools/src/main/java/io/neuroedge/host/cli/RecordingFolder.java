package io.neuroedge.host.cli;

import io.neuroedge.compiler.request.SampleRecordings;
import io.neuroedge.events.EventFormats;
import io.neuroedge.runtime.input.EventSink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** {@code compile --calibrate DIR}: the event recordings of a folder, decoded for the compiler's calibration. */
final class RecordingFolder implements SampleRecordings {

    private final List<Path> files;

    private RecordingFolder(List<Path> files) {
        this.files = files;
    }

    /** The first {@code limit} regular files of {@code dir} (recursively) that are event recordings, by name. */
    static RecordingFolder open(Path dir, int limit) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--calibrate " + dir + " is not a folder");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("--calibrate-limit must be at least 1, got " + limit);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(RecordingFolder::isRecording).sorted().limit(limit).toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("--calibrate " + dir + " holds no event recording");
        }
        return new RecordingFolder(files);
    }

    private static boolean isRecording(Path file) {
        try {
            EventFormats.open(file);
            return true;
        } catch (IOException e) {
            return false; // labels, notes and other files in the folder are not samples
        }
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public void replay(int index, EventSink sink) throws IOException {
        Path file = files.get(index);
        EventFormats.open(file).read(file, sink);
    }
}
