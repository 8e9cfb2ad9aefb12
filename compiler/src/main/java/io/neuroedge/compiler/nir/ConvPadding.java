package io.neuroedge.compiler.nir;

import java.util.Collections;
import java.util.List;

/**
 * Padding of a NIR convolution: explicit amounts per spatial dimension, or PyTorch's string modes
 * {@code 'same'} and {@code 'valid'}, which NIR passes through unchanged.
 */
public sealed interface ConvPadding {

    /** Zero padding on each side, one amount per spatial dimension. */
    record Explicit(List<Integer> amounts) implements ConvPadding {
        /** Copies the amounts. */
        public Explicit {
            amounts = List.copyOf(amounts);
        }
    }

    /** Output has the input's spatial size (PyTorch allows it only with stride 1). */
    record Same() implements ConvPadding {
    }

    /** No padding. */
    record Valid() implements ConvPadding {
    }

    /** PyTorch's default: no padding on any of {@code spatialDims} dimensions. */
    static ConvPadding zeros(int spatialDims) {
        return new Explicit(Collections.nCopies(spatialDims, 0));
    }
}
