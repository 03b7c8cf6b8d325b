package io.chainwatch.verify;

/** The SHA-256, SHA-1 and MD5 of one file, lower-case hex. */
public record FileDigests(String sha256, String sha1, String md5) {}
