package io.chainwatch.version;

/** A total order over the versions of one versioning scheme (vers {@code <scheme>}). */
public interface VersionScheme {
  /** The vers scheme name, e.g. {@code generic}, {@code semver}, {@code maven}. */
  String name();

  /** Whether {@code version} is a version this scheme can place. */
  boolean isValid(String version);

  /**
   * Compares two valid versions.
   *
   * @throws IllegalArgumentException if either is not valid in this scheme
   */
  int compare(String a, String b);
}
