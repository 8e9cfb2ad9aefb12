package io.neuroedge.runtime.learn;

import java.util.List;

/**
 * Test-side double-precision forward of a network for finite differences (stop.md §9.2): spikes
 * seen by the next layer and the loss are σ(k(U − θ)); the spikes inside the reset are recorded on
 * the unperturbed run and then frozen. Direct (gather) convolution loops, written independently of
 * the production scatter kernels. Loss = (1/T)·Σ_t CE(softmax(U_out[t]), label).
 */
final class DoubleReference {

    final NetworkSpec spec;
    final double[][] w;
    final double[][] th;
    final double[] al;
    final double k;
    private double[][][] frozen;

    DoubleReference(FloatNetwork net, double k) {
        this.spec = net.spec();
        int n = net.layerCount();
        w = new double[n][];
        th = new double[n][];
        al = new double[n];
        for (int l = 0; l < n; l++) {
            w[l] = toDouble(net.weights(l));
            th[l] = toDouble(net.thresholds(l));
            al[l] = net.alpha(l);
        }
        this.k = k;
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    /** Records the reset spikes of this (unperturbed) parameter set. */
    void freeze(double[][] frames, int label) {
        frozen = null;
        run(frames, label, true);
    }

    double loss(double[][] frames, int label) {
        return run(frames, label, false);
    }

    private double run(double[][] frames, int label, boolean record) {
        List<NetworkSpec.LayerSpec> ls = spec.layers();
        int n = ls.size();
        int T = frames.length;
        if (record) {
            frozen = new double[n][T][];
        }
        double[][] v = new double[n][];
        for (int l = 0; l < n; l++) {
            v[l] = new double[ls.get(l).out().size()];
        }
        double loss = 0;
        for (int t = 0; t < T; t++) {
            double[] x = frames[t];
            for (int l = 0; l < n; l++) {
                NetworkSpec.LayerSpec spec = ls.get(l);
                double[] cur = switch (spec) {
                    case NetworkSpec.Dense d -> dense(w[l], x, d.inputs(), d.outputs());
                    case NetworkSpec.Conv c -> conv(w[l], x, c);
                    case NetworkSpec.Pool p -> pool(x, p);
                };
                if (spec instanceof NetworkSpec.Pool) {
                    x = cur;
                    continue;
                }
                double[] u = new double[cur.length];
                for (int j = 0; j < u.length; j++) {
                    u[j] = al[l] * v[l][j] + cur[j];
                }
                if (l == n - 1) {
                    v[l] = u;
                    double max = Double.NEGATIVE_INFINITY;
                    for (double e : u) {
                        max = Math.max(max, e);
                    }
                    double sum = 0;
                    for (double e : u) {
                        sum += Math.exp(e - max);
                    }
                    loss += Math.log(sum) + max - u[label];
                    x = u;
                } else {
                    int plane = u.length / th[l].length;
                    double[] s = new double[u.length];
                    if (record) {
                        frozen[l][t] = new double[u.length];
                    }
                    for (int j = 0; j < u.length; j++) {
                        double thj = th[l][j / plane];
                        s[j] = SmoothSurrogate.sigma(k, u[j] - thj);
                        if (record) {
                            frozen[l][t][j] = s[j];
                        }
                        v[l][j] = u[j] - thj * frozen[l][t][j];
                    }
                    x = s;
                }
            }
        }
        return loss / T;
    }

    private static double[] dense(double[] w, double[] x, int in, int out) {
        double[] r = new double[out];
        for (int j = 0; j < out; j++) {
            double s = 0;
            for (int i = 0; i < in; i++) {
                s += w[j * in + i] * x[i];
            }
            r[j] = s;
        }
        return r;
    }

    private static double[] conv(double[] w, double[] x, NetworkSpec.Conv c) {
        int C = c.in().channels(), H = c.in().height(), W = c.in().width();
        int O = c.out().channels(), OH = c.out().height(), OW = c.out().width();
        int K = c.kernel(), S = c.stride(), P = c.padding();
        double[] r = new double[O * OH * OW];
        for (int o = 0; o < O; o++) {
            for (int oy = 0; oy < OH; oy++) {
                for (int ox = 0; ox < OW; ox++) {
                    double s = 0;
                    for (int ch = 0; ch < C; ch++) {
                        for (int ky = 0; ky < K; ky++) {
                            for (int kx = 0; kx < K; kx++) {
                                int iy = oy * S - P + ky, ix = ox * S - P + kx;
                                if (iy >= 0 && iy < H && ix >= 0 && ix < W) {
                                    s += w[((o * C + ch) * K + ky) * K + kx] * x[(ch * H + iy) * W + ix];
                                }
                            }
                        }
                    }
                    r[(o * OH + oy) * OW + ox] = s;
                }
            }
        }
        return r;
    }

    private static double[] pool(double[] x, NetworkSpec.Pool p) {
        int C = p.in().channels(), H = p.in().height(), W = p.in().width(), K = p.kernel();
        int OH = H / K, OW = W / K;
        double[] r = new double[C * OH * OW];
        for (int ch = 0; ch < C; ch++) {
            for (int y = 0; y < H; y++) {
                for (int xx = 0; xx < W; xx++) {
                    if (y / K < OH && xx / K < OW) {
                        r[(ch * OH + y / K) * OW + xx / K] += x[(ch * H + y) * W + xx];
                    }
                }
            }
        }
        return r;
    }

    /** Central-difference gradient of every parameter, in the model layout, ordered like FloatNetwork.tensors(). */
    double[][] finiteDifferences(FloatNetwork net, double[][] frames, int label, double h) {
        freeze(frames, label);
        List<FloatNetwork.Tensor> ts = net.tensors();
        double[][] out = new double[ts.size()][];
        for (int i = 0; i < ts.size(); i++) {
            FloatNetwork.Tensor t = ts.get(i);
            double[] p = switch (t.kind()) {
                case WEIGHTS -> w[t.layer()];
                case THRESHOLD -> th[t.layer()];
                case ALPHA -> null;
            };
            if (p == null) {
                int l = t.layer();
                double a = al[l];
                al[l] = a + h;
                double up = loss(frames, label);
                al[l] = a - h;
                double dn = loss(frames, label);
                al[l] = a;
                out[i] = new double[] {(up - dn) / (2 * h)};
                continue;
            }
            out[i] = new double[p.length];
            for (int j = 0; j < p.length; j++) {
                double a = p[j];
                p[j] = a + h;
                double up = loss(frames, label);
                p[j] = a - h;
                double dn = loss(frames, label);
                p[j] = a;
                out[i][j] = (up - dn) / (2 * h);
            }
        }
        return out;
    }
}
