package io.chainwatch.graph;

import io.chainwatch.portfolio.Platform;
import org.jspecify.annotations.Nullable;

/**
 * A node's identity for matching and deduplication: names folded by {@link io.chainwatch.portfolio.Names}, the
 * version as written. Empty strings stand for "not given" (a vendor node has no product).
 */
public record NodeKey(NodeKind kind, String vendor, String product, String version, @Nullable Platform platform) {}
