package io.neuroedge.compiler.lower;

import io.neuroedge.compiler.nir.Shape;
import io.neuroedge.compiler.nir.Tensor;
import java.util.Arrays;

/** Broadcasting of NIR parameters to one value per neuron, and compressing them back for the program. */
final class PerNeuron {

    private PerNeuron() {
    }

    /**
     * One value per neuron of {@code shape}: a tensor of one value is broadcast, one of
     * {@code shape.size()} values is taken as is, one value per channel (CxHxW) is repeated per pixel.
     */
    static double[] expand(Tensor t, Shape shape, String node, String field) {
        int n = shape.size();
        double[] out = new double[n];
        if (t.size() == 1) {
            Arrays.fill(out, t.get(0));
        } else if (t.size() == n) {
            out = t.toArray();
        } else if (shape.rank() == 3 && t.size() == shape.dim(0)) {
            int pixels = n / shape.dim(0);
            for (int k = 0; k < n; k++) {
                out[k] = t.get(k / pixels);
            }
        } else {
            throw new UnsupportedModelException("node '" + node + "': field '" + field + "' has " + t.size()
                    + " values for " + n + " neurons of shape " + shape);
        }
        return out;
    }

    /** The single value of {@code v} if all agree to 1e-9 relative, else an error naming the field. */
    static double uniform(double[] v, String node, String field, String why) {
        double min = Arrays.stream(v).min().orElseThrow();
        double max = Arrays.stream(v).max().orElseThrow();
        if (max - min > 1e-9 * Math.max(Math.abs(max), Math.abs(min))) {
            throw new UnsupportedModelException("node '" + node + "': " + field + " ranges over [" + min + ", " + max
                    + "] but " + why);
        }
        return v[0];
    }

    /** One value per channel of a CxHxW layer, rejecting values that differ within a channel. */
    static double[] perChannel(double[] v, int channels, String node, String field) {
        int pixels = v.length / channels;
        double[] out = new double[channels];
        for (int c = 0; c < channels; c++) {
            out[c] = uniform(Arrays.copyOfRange(v, c * pixels, (c + 1) * pixels), node, field,
                    "a convolution shares its weights across a channel, so it must be uniform per channel");
        }
        return out;
    }

    /** The shortest program encoding: one value, one per channel, or one per neuron; empty if all zero and {@code dropZero}. */
    static int[] compress(int[] v, int channels, boolean dropZero) {
        if (Arrays.stream(v).allMatch(x -> x == v[0])) {
            return dropZero && v[0] == 0 ? new int[0] : new int[] {v[0]};
        }
        int pixels = v.length / channels;
        int[] perChannel = new int[channels];
        for (int c = 0; c < channels; c++) {
            perChannel[c] = v[c * pixels];
            for (int p = 1; p < pixels; p++) {
                if (v[c * pixels + p] != perChannel[c]) {
                    return v.clone();
                }
            }
        }
        return perChannel;
    }
}
