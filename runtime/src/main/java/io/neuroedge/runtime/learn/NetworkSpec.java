package io.neuroedge.runtime.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A network architecture parsed from its text form, with every layer's input and output shape
 * resolved.
 *
 * <p>Grammar (tokens separated by {@code -}): the first token is the input, either a vector size
 * ({@code 784}) or {@code CxHxW} ({@code 2x34x34}); then {@code cOUTkK[sS][pP]} is a conv layer
 * (OUT output channels, K×K kernel, stride S default 1, zero padding P default 0), {@code pK} a
 * sum pool with kernel = stride = K (trailing rows/columns that do not fill a window are
 * dropped, as in PyTorch), and a plain number a dense layer (flattening a feature map
 * channel-major). The last token must be a dense layer: the non-spiking readout, one output per
 * class. Examples: {@code 784-400-10}, {@code 1x28x28-c16k5-p2-c32k5-p2-10}.
 */
public record NetworkSpec(String text, Dims input, List<LayerSpec> layers) {

    /** A channel-major feature-map shape; a vector of N values is (N, 1, 1). */
    public record Dims(int channels, int height, int width) {
        public Dims {
            if (channels <= 0 || height <= 0 || width <= 0) {
                throw new IllegalArgumentException("shape dimensions must be positive: " + channels + "x" + height + "x" + width);
            }
        }

        public int size() {
            return Math.multiplyExact(Math.multiplyExact(channels, height), width);
        }

        public boolean isVector() {
            return height == 1 && width == 1;
        }

        @Override
        public String toString() {
            return channels + "x" + height + "x" + width;
        }
    }

    /** One layer with its resolved shapes. */
    public sealed interface LayerSpec permits Dense, Conv, Pool {
        Dims in();

        Dims out();
    }

    /** Fully connected layer; a feature-map input is flattened channel-major. */
    public record Dense(Dims in, Dims out) implements LayerSpec {
        public int inputs() {
            return in.size();
        }

        public int outputs() {
            return out.channels();
        }
    }

    public record Conv(Dims in, Dims out, int kernel, int stride, int padding) implements LayerSpec {
        public int inChannels() {
            return in.channels();
        }

        public int outChannels() {
            return out.channels();
        }
    }

    /** Sum of non-overlapping kernel×kernel windows; no neurons, no parameters. */
    public record Pool(Dims in, Dims out, int kernel) implements LayerSpec {
    }

    private static final Pattern INPUT_MAP = Pattern.compile("(\\d+)x(\\d+)x(\\d+)");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern CONV = Pattern.compile("c(\\d+)k(\\d+)(?:s(\\d+))?(?:p(\\d+))?");
    private static final Pattern POOL = Pattern.compile("p(\\d+)");

    public NetworkSpec {
        layers = List.copyOf(layers);
    }

    /** Parses and shape-checks a spec; throws IllegalArgumentException naming the bad token. */
    public static NetworkSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty network spec");
        }
        String spec = text.trim();
        String[] tokens = spec.split("-", -1);
        if (tokens.length < 2) {
            throw new IllegalArgumentException("network spec '" + spec + "' needs an input and at least one layer, e.g. 784-10");
        }
        Dims input = parseInput(spec, tokens[0]);
        List<LayerSpec> layers = new ArrayList<>();
        Dims cur = input;
        for (int i = 1; i < tokens.length; i++) {
            String tok = tokens[i];
            String where = "layer " + i + " ('" + tok + "') of '" + spec + "'";
            Matcher m;
            LayerSpec layer;
            if (NUMBER.matcher(tok).matches()) {
                int n = positive(tok, where);
                layer = new Dense(cur, new Dims(n, 1, 1));
            } else if ((m = CONV.matcher(tok)).matches()) {
                if (cur.isVector() && i > 1) {
                    throw new IllegalArgumentException(where + ": a conv layer needs a CxHxW feature map, got a vector of " + cur.size());
                }
                int out = positive(m.group(1), where);
                int k = positive(m.group(2), where);
                int s = m.group(3) == null ? 1 : positive(m.group(3), where);
                int p = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
                int h = convOut(cur.height(), k, s, p, where);
                int w = convOut(cur.width(), k, s, p, where);
                layer = new Conv(cur, new Dims(out, h, w), k, s, p);
            } else if ((m = POOL.matcher(tok)).matches()) {
                int k = positive(m.group(1), where);
                if (i == 1 || !(layers.get(layers.size() - 1) instanceof Conv)) {
                    throw new IllegalArgumentException(where + ": a sum pool must follow a conv layer");
                }
                if (cur.height() < k || cur.width() < k) {
                    throw new IllegalArgumentException(where + ": pool kernel " + k + " is larger than the " + cur.height() + "x" + cur.width() + " feature map");
                }
                layer = new Pool(cur, new Dims(cur.channels(), cur.height() / k, cur.width() / k), k);
            } else {
                throw new IllegalArgumentException(where + ": not a layer; expected a number (dense), cOUTkK[sS][pP] (conv) or pK (sum pool)");
            }
            layers.add(layer);
            cur = layer.out();
        }
        if (!(layers.get(layers.size() - 1) instanceof Dense)) {
            throw new IllegalArgumentException("network spec '" + spec + "' must end with a dense readout layer (the number of classes)");
        }
        return new NetworkSpec(spec, input, layers);
    }

    private static Dims parseInput(String spec, String tok) {
        String where = "input ('" + tok + "') of '" + spec + "'";
        if (NUMBER.matcher(tok).matches()) {
            return new Dims(positive(tok, where), 1, 1);
        }
        Matcher m = INPUT_MAP.matcher(tok);
        if (m.matches()) {
            return new Dims(positive(m.group(1), where), positive(m.group(2), where), positive(m.group(3), where));
        }
        throw new IllegalArgumentException(where + ": expected a size (784) or CxHxW (1x28x28)");
    }

    private static int positive(String digits, String where) {
        int v;
        try {
            v = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": number too large: " + digits, e);
        }
        if (v <= 0) {
            throw new IllegalArgumentException(where + ": sizes must be positive, got " + v);
        }
        return v;
    }

    private static int convOut(int size, int k, int s, int p, String where) {
        int span = size + 2 * p - k;
        if (span < 0) {
            throw new IllegalArgumentException(where + ": kernel " + k + " is larger than the padded input " + (size + 2 * p));
        }
        return span / s + 1;
    }

    /** Number of output classes (size of the readout). */
    public int classes() {
        return layers.get(layers.size() - 1).out().size();
    }

    public int inputSize() {
        return input.size();
    }

    @Override
    public String toString() {
        return text;
    }
}
