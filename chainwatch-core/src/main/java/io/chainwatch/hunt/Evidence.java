package io.chainwatch.hunt;

/** Where a sighting was seen: the file, its line, the field and the value in it. */
public record Evidence(String file, long line, String field, String value) {}
