package io.chainwatch.hunt;

import java.util.List;
import java.util.Optional;

/** Stores hunts with their parameters and sightings. */
public interface HuntRepository {
  /** Stores a finished hunt and gives its id. */
  default long save(HuntResult hunt) {
    return save(hunt, id -> {});
  }

  /** Stores a finished hunt, runs {@code beforeCommit} with its id inside the same transaction, and gives the id. */
  long save(HuntResult hunt, java.util.function.LongConsumer beforeCommit);

  /** Every stored hunt, newest first, without evidence. */
  List<HuntResult> list();

  Optional<HuntResult> find(long id);
}
