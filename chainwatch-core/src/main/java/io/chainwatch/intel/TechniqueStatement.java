package io.chainwatch.intel;

import org.jspecify.annotations.Nullable;

/** An ATT&amp;CK technique (STIX attack-pattern), e.g. T1195.002 Compromise Software Supply Chain. */
public record TechniqueStatement(String externalId, String name, @Nullable String sourceObject) implements IntelRecord {}
