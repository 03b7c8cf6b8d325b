package io.chainwatch.verify;

import java.util.Set;

/**
 * The port through which verification reads file-hash indicators: which incidents name a given hash. Today the store
 * answers from the incidents' own indicator lists; a normalised indicator table can replace it without touching the
 * verification.
 */
public interface HashIndicators {
  /**
   * @param type {@code sha256}, {@code sha1} or {@code md5}
   * @param hex the hash, lower-case hex
   * @return the ids of the incidents whose indicators name it (empty when none)
   */
  Set<String> incidentsNaming(String type, String hex);
}
