package io.neuroedge.compiler.nir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Output sizes of convolution and pooling nodes over a (C, spatial...) input, with PyTorch's formula
 * {@code out = floor((in + 2·pad − dilation·(k − 1) − 1) / stride) + 1}.
 */
final class ConvShapes {

    private ConvShapes() {
    }

    static Shape conv(String name, NirNode node, Tensor w, List<Integer> stride, ConvPadding padding,
                      List<Integer> dilation, int groups, Optional<Shape> inputShape, Shape s) throws NirFormatException {
        int spatial = w.rank() - 2;
        if (s.rank() != spatial + 1) {
            throw ShapeInference.err(name, node, "input shape " + s + " has rank " + s.rank() + ", expected "
                    + (spatial + 1) + " (channels, " + spatial + " spatial)");
        }
        if (groups < 1 || s.dim(0) != w.dim(1) * groups) {
            throw ShapeInference.err(name, node, "field 'weight' has shape " + w.shape() + " with groups " + groups
                    + ", expected " + w.dim(1) * groups + " input channels but " + s.dim(0) + " arrive (input " + s + ")");
        }
        List<Integer> in = s.dims().subList(1, s.rank());
        if (inputShape.isPresent() && !inputShape.get().dims().equals(in)) {
            throw ShapeInference.err(name, node, "field 'input_shape' is " + inputShape.get() + " but the spatial input is "
                    + new Shape(in));
        }
        List<Integer> dims = new ArrayList<>(List.of(w.dim(0)));
        for (int i = 0; i < spatial; i++) {
            int k = w.dim(2 + i);
            int size = switch (padding) {
                case ConvPadding.Same same -> in.get(i);
                case ConvPadding.Valid valid -> formula(in.get(i), k, stride.get(i), 0, dilation.get(i));
                case ConvPadding.Explicit e -> formula(in.get(i), k, stride.get(i), e.amounts().get(i), dilation.get(i));
            };
            dims.add(positive(name, node, size, s));
        }
        return new Shape(dims);
    }

    static Shape pool(String name, NirNode node, List<Integer> kernel, List<Integer> stride, List<Integer> padding,
                      Shape s) throws NirFormatException {
        if (s.rank() != 3) {
            throw ShapeInference.err(name, node, "input shape " + s + " has rank " + s.rank() + ", expected 3 (C, H, W)");
        }
        List<Integer> dims = new ArrayList<>(List.of(s.dim(0)));
        for (int i = 0; i < 2; i++) {
            dims.add(positive(name, node, formula(s.dim(1 + i), kernel.get(i), stride.get(i), padding.get(i), 1), s));
        }
        return new Shape(dims);
    }

    private static int formula(int in, int k, int stride, int pad, int dilation) {
        return Math.floorDiv(in + 2 * pad - dilation * (k - 1) - 1, stride) + 1;
    }

    private static int positive(String name, NirNode node, int size, Shape s) throws NirFormatException {
        if (size < 1) {
            throw ShapeInference.err(name, node, "kernel does not fit input " + s + " (output size " + size + ")");
        }
        return size;
    }
}
