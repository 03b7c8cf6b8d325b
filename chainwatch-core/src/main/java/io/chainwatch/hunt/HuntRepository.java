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

  /**
   * {@link #save(HuntResult, java.util.function.LongConsumer)}, telling {@code numbered} the hunt's id as soon as it has
   * one, while its sightings are still being written, so that a caller can prepare what it shows of the hunt meanwhile.
   * The id is not yet committed then: the caller shows nothing before this method returns, and nothing if it throws.
   * This default tells the id just before {@code beforeCommit} runs.
   */
  default long save(HuntResult hunt, java.util.function.LongConsumer numbered, java.util.function.LongConsumer beforeCommit) {
    return save(hunt, id -> {
      numbered.accept(id);
      beforeCommit.accept(id);
    });
  }

  /** Every stored hunt, newest first, without evidence. */
  List<HuntResult> list();

  Optional<HuntResult> find(long id);
}
