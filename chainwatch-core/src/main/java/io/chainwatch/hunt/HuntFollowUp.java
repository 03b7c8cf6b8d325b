package io.chainwatch.hunt;

/** What a hunt's sightings feed: triage decides which are suppressed and opens cases from the rest. */
public interface HuntFollowUp {
  HuntFollowUp NONE = new HuntFollowUp() {
    @Override
    public boolean suppressed(Sighting s) {
      return false;
    }

    @Override
    public void stored(HuntResult hunt) {}
  };

  /** Whether an analyst judged this sighting's (indicator, host) pair a false positive before. */
  boolean suppressed(Sighting s);

  /** Called with the stored hunt (its id set) inside the transaction that stores it. */
  void stored(HuntResult hunt);
}
