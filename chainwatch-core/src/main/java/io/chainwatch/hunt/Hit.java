package io.chainwatch.hunt;

import org.jspecify.annotations.Nullable;

/**
 * What a detector found in one event.
 *
 * @param detector {@code ioc}, {@code sigma:<rule id>} or {@code beacon}
 * @param indicatorType the indicator's type ({@code domain}, ...) or {@code sigma} for a rule
 * @param indicatorValue the indicator's value, or the rule's title
 * @param field the event field that matched
 * @param value the value in that field
 */
public record Hit(String detector, String indicatorType, String indicatorValue, String field, String value,
    @Nullable String level) {}
