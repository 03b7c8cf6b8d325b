package io.chainwatch.advisory;

import java.util.List;
import java.util.Optional;

/** Reads incidents back from the store. Writes go through an import transaction. */
public interface IncidentRepository {
  Optional<Incident> find(String id);

  /** Whether the incident is known: {@code find(id).isPresent()} without reading it (its indicators can be many). */
  default boolean exists(String id) {
    return find(id).isPresent();
  }

  /** All incidents, by disclosure date then id. */
  List<Incident> list();

  /** The ids of the incidents whose {@code caused_by} names {@code id}. */
  List<String> causedBy(String id);
}
