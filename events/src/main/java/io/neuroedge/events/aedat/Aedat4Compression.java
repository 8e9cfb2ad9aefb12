package io.neuroedge.events.aedat;

/** The packet compression an AEDAT 4 IOHeader declares ({@code CompressionType} in IOHeader.fbs). */
public enum Aedat4Compression {
    /** Payloads are plain size-prefixed FlatBuffers. */
    NONE,
    /** One LZ4 frame per packet. */
    LZ4,
    /** One LZ4 frame per packet (high-compression encoder; same format). */
    LZ4_HIGH,
    /** One Zstandard frame per packet. */
    ZSTD,
    /** One Zstandard frame per packet (higher level; same format). */
    ZSTD_HIGH;

    /** The value for the schema's enum code, or null when the code is unknown. */
    static Aedat4Compression ofCode(int code) {
        Aedat4Compression[] all = values();
        return code >= 0 && code < all.length ? all[code] : null;
    }
}
