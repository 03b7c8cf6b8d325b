package io.chainwatch.intel;

import java.text.Normalizer;
import java.util.Locale;

/** The key under which two spellings of an actor's name meet: {@code Labyrinth Chollima} = {@code LABYRINTH-CHOLLIMA}. */
public final class ActorNames {
  private ActorNames() {}

  public static String key(String name) {
    String folded = Normalizer.normalize(name, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(folded.length());
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if (Character.isLetterOrDigit(c)) b.append(c);
    }
    return b.length() == 0 ? folded.strip() : b.toString();
  }
}
