package io.chainwatch.hunt.siem;

/**
 * One query, for one log source.
 *
 * @param source a short name of the log source ({@code dns}, {@code web}, {@code network}, {@code files})
 * @param description where the query looks, in a few words
 * @param text the query, ready to paste
 */
public record SiemQuery(String language, String source, String description, String text) {}
