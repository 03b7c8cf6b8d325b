package io.chainwatch.intel;

/**
 * An incident tied to an ATT&amp;CK technique, campaign or actor by name or id ({@code T1195.002}, {@code C0057}).
 *
 * @param kind {@code technique}, {@code campaign} or {@code actor}
 */
public record IncidentLink(String incident, String kind, String ref, String source) implements IntelRecord {}
