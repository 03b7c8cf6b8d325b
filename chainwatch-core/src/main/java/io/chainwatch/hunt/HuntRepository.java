package io.chainwatch.hunt;

import java.util.List;
import java.util.Optional;

/** Stores hunts with their parameters and sightings. */
public interface HuntRepository {
  /** Stores a finished hunt and gives its id. */
  long save(HuntResult hunt);

  /** Every stored hunt, newest first, without evidence. */
  List<HuntResult> list();

  Optional<HuntResult> find(long id);
}
