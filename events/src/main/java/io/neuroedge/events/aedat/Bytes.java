package io.neuroedge.events.aedat;

/** Little- and big-endian integer access to byte arrays; callers check the bounds. */
final class Bytes {

    private Bytes() {
    }

    static int shortLE(byte[] b, int i) {
        return (short) ((b[i] & 0xFF) | b[i + 1] << 8);
    }

    static int ushortLE(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    static int intLE(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | b[i + 3] << 24;
    }

    static long longLE(byte[] b, int i) {
        return (intLE(b, i) & 0xFFFF_FFFFL) | (long) intLE(b, i + 4) << 32;
    }

    static int intBE(byte[] b, int i) {
        return b[i] << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }

    static void putShortLE(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
    }

    static void putIntLE(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) (v >>> 16);
        b[i + 3] = (byte) (v >>> 24);
    }

    static void putLongLE(byte[] b, int i, long v) {
        putIntLE(b, i, (int) v);
        putIntLE(b, i + 4, (int) (v >>> 32));
    }
}
