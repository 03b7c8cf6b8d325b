package io.chainwatch.intel;

import org.jspecify.annotations.Nullable;

/** Where one spelling of an indicator came from: the file, its parser, the object in it, and what it said. */
public record IndicatorSource(
    String file,
    String parser,
    @Nullable String sourceObject,
    @Nullable String incident,
    String rawValue,
    boolean huntable,
    @Nullable String notHuntableReason,
    boolean revoked) {}
