/**
 * iniVation AEDAT recordings: 2.0 (jAER, {@link io.neuroedge.events.aedat.Aedat2Reader} with the
 * chip mappings), 3.1 (cAER, {@link io.neuroedge.events.aedat.Aedat3Reader}) and 4.0 (DV,
 * {@link io.neuroedge.events.aedat.Aedat4Reader}, {@link io.neuroedge.events.aedat.Aedat4Writer})
 * with its packet compression (LZ4 frames, ZSTD through aircompressor) and a read-only FlatBuffer
 * view of the packets; {@link io.neuroedge.events.aedat.AedatVersions} picks the reader from the
 * version line.
 */
package io.neuroedge.events.aedat;
