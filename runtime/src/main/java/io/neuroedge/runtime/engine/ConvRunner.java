package io.neuroedge.runtime.engine;

import io.neuroedge.runtime.program.ConvLayer;
import io.neuroedge.runtime.simd.KernelProvider;

import java.util.Arrays;

/**
 * A 2-D convolution layer. Sparse path: each active input adds its kernel's output-channel weights
 * to every output pixel it reaches, into a channel-last accumulator (contiguous runs for the axpy
 * kernel) that is then transposed to channel-major. Dense path: im2col, then per output pixel
 * one int8 matrix-vector product (the weights times the pixel's column) into the same
 * channel-last accumulator.
 */
final class ConvRunner extends SynapticRunner {

    private final ConvLayer layer;
    private final int inChannels;
    private final int inH;
    private final int inW;
    private final int outChannels;
    private final int outH;
    private final int outW;
    private final int kh;
    private final int kw;
    private final int cinPerGroup;
    private final int coutPerGroup;
    private final int volume;
    private final int columnLength;
    private final int sparseLimit;
    private final int[] active;
    private final int[] channelLast;
    private final byte[] columns;

    ConvRunner(ConvLayer layer, KernelProvider kernels, EngineOptions options) {
        super(kernels, layer.neurons(), layer.outputShape().size());
        this.layer = layer;
        this.inChannels = layer.inputShape().channels();
        this.inH = layer.inputShape().height();
        this.inW = layer.inputShape().width();
        this.outChannels = layer.outputShape().channels();
        this.outH = layer.outputShape().height();
        this.outW = layer.outputShape().width();
        this.kh = layer.kernelH();
        this.kw = layer.kernelW();
        this.cinPerGroup = inChannels / layer.groups();
        this.coutPerGroup = outChannels / layer.groups();
        this.volume = layer.kernelVolume();
        this.columnLength = inChannels * kh * kw;
        int n = layer.outputShape().size();
        this.sparseLimit = options.convSparseLimit(layer.inputShape().size());
        this.active = new int[layer.inputShape().size()];
        this.channelLast = new int[n];
        this.columns = new byte[outH * outW * columnLength];
    }

    @Override
    byte[] run(byte[] x) {
        int nnz = kernels.nonZeroIndices(x, 0, x.length, active);
        int inPixels = inH * inW;
        long ops = 0;
        for (int i = 0; i < nnz; i++) {
            ops += layer.fanOut(active[i] % inPixels);
        }
        synapticOps += ops;
        if (nnz <= sparseLimit) {
            scatter(x, nnz);
        } else {
            im2col(x);
            gather();
        }
        neurons.step(kernels, synaptic);
        return neurons.spikes;
    }

    private void scatter(byte[] x, int nnz) {
        Arrays.fill(channelLast, 0);
        byte[] wByInput = layer.weightsByInput();
        int inPixels = inH * inW;
        for (int i = 0; i < nnz; i++) {
            int idx = active[i];
            int ci = idx / inPixels;
            int pixel = idx - ci * inPixels;
            int iy = pixel / inW;
            int ix = pixel - iy * inW;
            int c = x[idx];
            int groupBase = ci / cinPerGroup * coutPerGroup;
            for (int ky = 0; ky < kh; ky++) {
                int oy = ConvLayer.outputIndex(iy, ky, layer.padH(), layer.strideH(), outH);
                if (oy < 0) {
                    continue;
                }
                for (int kx = 0; kx < kw; kx++) {
                    int ox = ConvLayer.outputIndex(ix, kx, layer.padW(), layer.strideW(), outW);
                    if (ox < 0) {
                        continue;
                    }
                    kernels.axpyI8(channelLast, (oy * outW + ox) * outChannels + groupBase,
                            wByInput, ((ci * kh + ky) * kw + kx) * coutPerGroup, coutPerGroup, c);
                }
            }
        }
        toChannelMajor();
    }

    private void toChannelMajor() {
        int outPixels = outH * outW;
        for (int p = 0; p < outPixels; p++) {
            int row = p * outChannels;
            for (int co = 0; co < outChannels; co++) {
                synaptic[co * outPixels + p] = channelLast[row + co];
            }
        }
    }

    /** Column p holds the receptive field of output pixel p, ordered [in channel][ky][kx], zeros for padding. */
    private void im2col(byte[] x) {
        int p = 0;
        for (int oy = 0; oy < outH; oy++) {
            int y0 = oy * layer.strideH() - layer.padH();
            for (int ox = 0; ox < outW; ox++) {
                int x0 = ox * layer.strideW() - layer.padW();
                // the kernel row lies inside the input except at the left and right borders
                boolean rowsInside = x0 >= 0 && x0 + kw <= inW;
                int o = p * columnLength;
                for (int ci = 0; ci < inChannels; ci++) {
                    int plane = ci * inH * inW;
                    for (int ky = 0; ky < kh; ky++, o += kw) {
                        int iy = y0 + ky;
                        if (iy < 0 || iy >= inH) {
                            Arrays.fill(columns, o, o + kw, (byte) 0);
                        } else if (rowsInside) {
                            System.arraycopy(x, plane + iy * inW + x0, columns, o, kw);
                        } else {
                            for (int kx = 0; kx < kw; kx++) {
                                int ix = x0 + kx;
                                columns[o + kx] = ix >= 0 && ix < inW ? x[plane + iy * inW + ix] : 0;
                            }
                        }
                    }
                }
                p++;
            }
        }
    }

    /** Per output pixel and group: the group's weight matrix times the pixel's column, channel-last. */
    private void gather() {
        byte[] w = layer.weights();
        int outPixels = outH * outW;
        int groups = layer.groups();
        for (int p = 0; p < outPixels; p++) {
            for (int g = 0; g < groups; g++) {
                kernels.gemvI8(w, g * coutPerGroup * volume, coutPerGroup, volume, columns,
                        p * columnLength + g * volume, channelLast, p * outChannels + g * coutPerGroup);
            }
        }
        toChannelMajor();
    }

    @Override
    long allocatedBytes() {
        return super.allocatedBytes() + 4L * active.length + 4L * channelLast.length + columns.length;
    }
}
