package io.neuroedge.runtime.engine;

import io.neuroedge.runtime.program.PoolLayer;

import java.util.Arrays;

/** Windowed sums per channel with zero padding, saturated at 127 (sum and average pooling alike). */
final class PoolRunner extends LayerRunner {

    private final PoolLayer layer;
    private final byte[] out;

    PoolRunner(PoolLayer layer) {
        this.layer = layer;
        this.out = new byte[layer.outputShape().size()];
    }

    @Override
    byte[] run(byte[] x) {
        int channels = layer.inputShape().channels();
        int h = layer.inputShape().height();
        int w = layer.inputShape().width();
        int oh = layer.outputShape().height();
        int ow = layer.outputShape().width();
        int o = 0;
        for (int c = 0; c < channels; c++) {
            int plane = c * h * w;
            for (int oy = 0; oy < oh; oy++) {
                int y0 = oy * layer.strideH() - layer.padH();
                int yStart = Math.max(0, y0);
                int yEnd = Math.min(h, y0 + layer.kernelH());
                for (int ox = 0; ox < ow; ox++) {
                    int x0 = ox * layer.strideW() - layer.padW();
                    int xStart = Math.max(0, x0);
                    int xEnd = Math.min(w, x0 + layer.kernelW());
                    int sum = 0;
                    for (int y = yStart; y < yEnd; y++) {
                        int row = plane + y * w;
                        for (int xx = xStart; xx < xEnd; xx++) {
                            sum += x[row + xx];
                        }
                    }
                    out[o++] = (byte) Math.min(sum, PoolLayer.MAX_OUTPUT);
                }
            }
        }
        return out;
    }

    @Override
    byte[] output() {
        return out;
    }

    @Override
    void reset() {
        Arrays.fill(out, (byte) 0);
    }

    @Override
    long allocatedBytes() {
        return out.length;
    }
}
