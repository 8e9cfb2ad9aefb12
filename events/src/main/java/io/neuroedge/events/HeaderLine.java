package io.neuroedge.events;

/**
 * One {@code % key value} line of a Prophesee header.
 *
 * @param offset byte offset of the line's {@code %} in the file
 * @param key    first word after {@code "% "}, e.g. {@code evt}, {@code geometry}, {@code Version}
 * @param value  the rest of the line, trimmed; empty when the line has a single word
 */
public record HeaderLine(long offset, String key, String value) {}
