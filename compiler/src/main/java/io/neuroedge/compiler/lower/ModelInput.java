package io.neuroedge.compiler.lower;

import io.neuroedge.proto.model.EventInput;
import io.neuroedge.proto.model.TrainedModel;
import io.neuroedge.runtime.program.Shape;

/**
 * How a trained model's samples reach its first layer, as the program must see them. One reading of
 * the model's encoding for the compiler ({@link ModelCompiler}) and the NIR export
 * ({@link ModelNirExporter}), so that both agree.
 *
 * @param shape    input shape (C, H, W); a vector is (N, 1, 1)
 * @param maxCount largest input count per element and step
 * @param unit     real value of one count (1/127 for DIRECT intensities, else 1)
 * @param events   how recordings are binned, null unless the model takes events
 */
record ModelInput(Shape shape, int maxCount, double unit, EventInput events) {

    /** Reads and checks the encoding of {@code model} (called {@code name} in errors). */
    static ModelInput of(TrainedModel model, String name) {
        var s = model.getInput();
        if (s.getChannels() < 1 || s.getHeight() < 1 || s.getWidth() < 1) {
            throw new IllegalArgumentException("model input shape " + s.getChannels() + "x" + s.getHeight() + "x"
                    + s.getWidth() + " has an empty dimension");
        }
        Shape shape = new Shape(s.getChannels(), s.getHeight(), s.getWidth());
        return switch (model.getEncoding()) {
            case RATE -> new ModelInput(shape, 1, 1, null);
            case DIRECT -> new ModelInput(shape, ModelCompiler.DIRECT_MAX_COUNT, 1.0 / ModelCompiler.DIRECT_MAX_COUNT,
                    null);
            case EVENTS -> {
                EventInput e = model.getEvents();
                if (!model.hasEvents() || e.getBinUs() < 1 || e.getMaxCount() < 1 || e.getMaxCount() > 127) {
                    throw new IllegalArgumentException("model '" + name + "': EVENTS encoding needs events.bin_us >= 1"
                            + " and events.max_count in 1..127");
                }
                if (shape.channels() != 2) {
                    throw new IllegalArgumentException("model '" + name + "': an event model's input has 2 channels"
                            + " (OFF, ON), found " + shape.channels());
                }
                yield new ModelInput(shape, e.getMaxCount(), 1, e);
            }
            default -> throw new IllegalArgumentException("model '" + name + "': input encoding "
                    + model.getEncoding() + " is not RATE, DIRECT or EVENTS");
        };
    }
}
