package io.neuroedge.compiler.lower;

import io.neuroedge.compiler.profile.CompileOptions;
import io.neuroedge.runtime.program.Shape;

/**
 * How a camera larger than the model's input is mapped onto it: downsample by the largest power of
 * two that still fits the input in the sensor, then take the centred window of the input's size.
 *
 * @param width  sensor width
 * @param height sensor height
 * @param cropX  left edge of the window on the sensor
 * @param cropY  top edge of the window on the sensor
 * @param shift  downsampling: sensor coordinates are shifted right by this after cropping
 */
record SensorFit(int width, int height, int cropX, int cropY, int shift) {

    static SensorFit of(Shape input, CompileOptions.Sensor sensor) {
        if (sensor == null) {
            return new SensorFit(input.width(), input.height(), 0, 0, 0);
        }
        if (sensor.width() < input.width() || sensor.height() < input.height()) {
            throw new IllegalArgumentException("--sensor " + sensor.width() + "x" + sensor.height()
                    + " is smaller than the model's input " + input.width() + "x" + input.height());
        }
        int shift = 0;
        while (shift < 15 && (long) input.width() << (shift + 1) <= sensor.width()
                && (long) input.height() << (shift + 1) <= sensor.height()) {
            shift++;
        }
        int spanX = input.width() << shift;
        int spanY = input.height() << shift;
        return new SensorFit(sensor.width(), sensor.height(), (sensor.width() - spanX) / 2,
                (sensor.height() - spanY) / 2, shift);
    }

    String describe() {
        if (cropX == 0 && cropY == 0 && shift == 0) {
            return "";
        }
        return " (window at " + cropX + "," + cropY + " of " + (width - 2 * cropX) + "x" + (height - 2 * cropY)
                + ", downsampled by " + (1 << shift) + ")";
    }
}
