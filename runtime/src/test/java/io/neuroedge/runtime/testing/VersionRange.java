package io.neuroedge.runtime.testing;

/**
 * A Maven-style version range: {@code *} (every version), {@code [1.0,1.8.1)}, {@code (,3.18.0)},
 * {@code [4.0,)}; bounds compare numerically part by part ({@code 4.2.18.Final} reads as 4.2.18).
 */
public record VersionRange(String low, boolean lowInclusive, String high, boolean highInclusive) {

    public static VersionRange parse(String s) {
        if (s.equals("*")) {
            return new VersionRange("", true, "", true);
        }
        if (s.length() < 3 || "[(".indexOf(s.charAt(0)) < 0 || "])".indexOf(s.charAt(s.length() - 1)) < 0
                || s.indexOf(',') < 0) {
            throw new IllegalArgumentException("version range '" + s + "': expected *, [a,b), (,b] ...");
        }
        String[] f = s.substring(1, s.length() - 1).split(",", -1);
        return new VersionRange(f[0].strip(), s.charAt(0) == '[', f[1].strip(), s.charAt(s.length() - 1) == ']');
    }

    public boolean contains(String version) {
        if (!low.isEmpty()) {
            int c = compare(version, low);
            if (c < 0 || (c == 0 && !lowInclusive)) {
                return false;
            }
        }
        if (!high.isEmpty()) {
            int c = compare(version, high);
            return c < 0 || (c == 0 && highInclusive);
        }
        return true;
    }

    static int compare(String a, String b) {
        int[] x = numbers(a);
        int[] y = numbers(b);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? x[i] : 0, i < y.length ? y[i] : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int[] numbers(String v) {
        String[] parts = v.split("[.-]");
        int n = 0;
        while (n < parts.length && parts[n].matches("\\d+")) {
            n++;
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = Integer.parseInt(parts[i]);
        }
        return out;
    }
}
