package io.chainwatch.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte-level name table decides as the indicator detector does with strings. */
class NameTableTest {
  private static boolean hit(NameTable t, String name) {
    byte[] b = ("xx" + name + "yy").getBytes(StandardCharsets.US_ASCII);
    return t.mayHit(b, 2, 2 + name.length());
  }

  @Test
  void aDomainMatchesItselfAndItsSubdomainsAtLabelBoundariesOnly() {
    NameTable t = new NameTable(2);
    t.addDomain("akamaicontainer.com");
    assertThat(hit(t, "akamaicontainer.com")).isTrue();
    assertThat(hit(t, "www.akamaicontainer.com")).isTrue();
    assertThat(hit(t, "A.B.AkamaiContainer.COM.")).isTrue();
    assertThat(hit(t, "a..akamaicontainer.com")).isTrue();
    assertThat(hit(t, "notakamaicontainer.com")).isFalse();
    assertThat(hit(t, "akamaicontainer.com.example.net")).isFalse();
    assertThat(hit(t, "com")).isFalse();
    assertThat(hit(t, "...")).isFalse();
    assertThat(hit(t, "")).isFalse();
  }

  @Test
  void aHostnameMatchesExactlyAndBothKindsCanShareAName() {
    NameTable t = new NameTable(1);
    t.addHostname("update.voxline.io");
    assertThat(hit(t, "update.voxline.io")).isTrue();
    assertThat(hit(t, "UPDATE.voxline.io.")).isTrue();
    assertThat(hit(t, "x.update.voxline.io")).isFalse();
    t.addDomain("update.voxline.io");
    assertThat(hit(t, "x.update.voxline.io")).isTrue();
    t.addHostname("-");
    assertThat(hit(t, "-")).as("Zeek's unset field is never a name").isFalse();
  }

  @Test
  void theStringPathFindsTheNearestDomainAndExactHostnames() {
    NameTable t = new NameTable(4);
    t.addDomain("example.com");
    t.addDomain("b.example.com");
    t.addHostname("h.example.org");
    byte[] b = "a.b.example.com".getBytes(StandardCharsets.US_ASCII);
    assertThat(t.domain(b, 0, b.length)).as("b.example.com, not example.com").isEqualTo(2);
    assertThat(t.domain(b, 4, b.length)).isEqualTo(4);
    byte[] other = "example.com.evil".getBytes(StandardCharsets.US_ASCII);
    assertThat(t.domain(other, 0, other.length)).isEqualTo(-1);
    byte[] h = "h.example.org".getBytes(StandardCharsets.US_ASCII);
    assertThat(t.hostname(h, 0, h.length)).isTrue();
    assertThat(t.domain(h, 0, h.length)).isEqualTo(-1);
    assertThat(t.hostname(b, 0, b.length)).isFalse();
    assertThat(t.domains()).isEqualTo(2);
    assertThat(t.hostnames()).isEqualTo(1);
    t.addDomain("h.example.org");
    t.addHostname("h.example.org");
    assertThat(t.size()).isEqualTo(3);
    assertThat(t.domains()).isEqualTo(3);
    assertThat(t.hostnames()).isEqualTo(1);
  }

  @Test
  void theOnePassTestIsMayHitUnlessTheNameHoldsACommaAColonOrABracket() {
    NameTable t = new NameTable(2);
    t.addDomain("evil.com");
    t.addHostname("h.example.org");
    for (String name : new String[] {"evil.com", "www.EVIL.com.", "good.com", "h.example.org", "x.h.example.org", "-", "",
        "..", "com", "a..evil.com"}) {
      byte[] b = ("xx" + name + "yy").getBytes(StandardCharsets.US_ASCII);
      assertThat(t.test(b, 2, 2 + name.length())).as(name).isEqualTo(hit(t, name) ? NameTable.HIT : NameTable.MISS);
    }
    for (String name : new String[] {"evil.com:443", "a,evil.com", "x:y.evil.com", "[::1]", "evil.com,", ":", "good.com:80"}) {
      byte[] b = name.getBytes(StandardCharsets.US_ASCII);
      assertThat(t.test(b, 0, b.length)).as(name).isEqualTo(NameTable.SPECIAL);
    }
    NameTable empty = new NameTable(1);
    byte[] port = "evil.com:443".getBytes(StandardCharsets.US_ASCII);
    assertThat(empty.test(port, 0, port.length)).as("an address literal can hit an address indicator").isEqualTo(NameTable.SPECIAL);
    byte[] plain = "evil.com".getBytes(StandardCharsets.US_ASCII);
    assertThat(empty.test(plain, 0, plain.length)).isEqualTo(NameTable.MISS);
  }

  @Test
  void growsPastItsExpectedSizeAndFindsEveryName() {
    NameTable t = new NameTable(4);
    for (int i = 0; i < 20_000; i++) t.addDomain("d" + i + ".example");
    assertThat(t.size()).isEqualTo(20_000);
    for (int i = 0; i < 20_000; i += 97) assertThat(hit(t, "www.d" + i + ".example")).isTrue();
    assertThat(hit(t, "d20000.example")).isFalse();
  }

  /**
   * The one-pass test looks up only suffixes with as many dots as some name held; it must decide every name as the
   * look-up of every suffix does ({@link NameTable#mayHit}), with SPECIAL found wherever it is.
   */
  @Test
  void suffixesWithFewerOrMoreDotsThanAnyName_areSkippedWithoutChangingAnAnswer() {
    Random r = new Random(7);
    String[] labels = {"a", "evil", "com", "b", "example", "org", "", "x-1"};
    for (int round = 0; round < 300; round++) {
      NameTable t = new NameTable(4);
      for (int k = 1 + r.nextInt(4); k > 0; k--) {
        String held = name(r, labels, 1 + r.nextInt(3));
        if (held.isEmpty()) continue;
        if (r.nextInt(3) == 0) t.addHostname(held);
        else t.addDomain(held);
      }
      for (int q = 0; q < 200; q++) {
        String name = name(r, labels, 1 + r.nextInt(7));
        if (r.nextInt(4) == 0) name = name.toUpperCase(Locale.ROOT);
        if (r.nextInt(4) == 0) name = name + ".";
        boolean special = r.nextInt(8) == 0;
        if (special) {
          int at = r.nextInt(name.length() + 1);
          name = name.substring(0, at) + ",:[".charAt(r.nextInt(3)) + name.substring(at);
        }
        byte[] b = ("xx" + name + "yy").getBytes(StandardCharsets.US_ASCII);
        int expected = special ? NameTable.SPECIAL : hit(t, name) ? NameTable.HIT : NameTable.MISS;
        assertThat(t.test(b, 2, 2 + name.length())).as("%s in round %d", name, round).isEqualTo(expected);
      }
    }
  }

  /**
   * Names are hashed label by label, eight bytes at a time: every answer (the scan's test, the string path's nearest
   * domain and exact hostname) is the one a set of lower-case strings gives, for labels short and long (past 8 and 16
   * bytes), any case, empty labels, and names anywhere in a buffer, at its very start too.
   */
  @Test
  void everyAnswer_isThatOfSetsOfStrings() {
    Random r = new Random(11);
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
    for (int round = 0; round < 200; round++) {
      String[] labels = new String[6];
      for (int k = 0; k < labels.length; k++) {
        int n = r.nextInt(7) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 6 : 22);
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < n; c++) l.append(alphabet.charAt(r.nextInt(alphabet.length())));
        labels[k] = l.toString();
      }
      NameTable t = new NameTable(4);
      java.util.Set<String> domains = new java.util.HashSet<>();
      java.util.Set<String> hostnames = new java.util.HashSet<>();
      for (int k = 1 + r.nextInt(5); k > 0; k--) {
        String held = name(r, labels, 1 + r.nextInt(3)).toLowerCase(Locale.ROOT);
        if (held.isEmpty()) continue;
        if (r.nextInt(3) == 0) {
          t.addHostname(held);
          hostnames.add(held);
        } else {
          t.addDomain(held);
          domains.add(held);
        }
      }
      for (int q = 0; q < 100; q++) {
        String name = name(r, labels, 1 + r.nextInt(5));
        String before = r.nextBoolean() ? "" : "x".repeat(r.nextInt(12));
        byte[] b = (before + name + "yy").getBytes(StandardCharsets.US_ASCII);
        int from = before.length();
        int to = from + name.length();
        String lower = name.toLowerCase(Locale.ROOT);
        // the string path: the name taken as it is
        assertThat(t.hostname(b, from, to)).as("hostname %s", name).isEqualTo(!name.isEmpty() && hostnames.contains(lower));
        int nearest = -1;
        for (int s = name.length() - 1; s >= -1; s--) {
          if (s >= 0 && name.charAt(s) != '.') continue;
          if (domains.contains(lower.substring(s + 1))) nearest = s + 1;
        }
        assertThat(t.domain(b, from, to)).as("domain %s", name).isEqualTo(name.isEmpty() ? -1 : nearest < 0 ? -1 : from + nearest);
        // the scan: trailing dots dropped, a hit when a hostname or a domain's subdomain
        String bare = lower.replaceAll("\\.+$", "");
        boolean hit = !bare.isEmpty() && !name.equals("-") && (hostnames.contains(bare) || domains.contains(bare));
        for (int s = 0; s < bare.length() && !hit; s++) {
          if (bare.charAt(s) == '.' && domains.contains(bare.substring(s + 1))) hit = true;
        }
        assertThat(t.test(b, from, to)).as("test %s", name).isEqualTo(hit ? NameTable.HIT : NameTable.MISS);
        assertThat(t.mayHit(b, from, to)).as("mayHit %s", name).isEqualTo(hit);
      }
    }
  }

  @Test
  void namesThatMissedLately_areAnsweredAsTheTableAnswers_andOnlyForTheTableTheyMissedIn() {
    Random r = new Random(13);
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,:[";
    // names of every length up to past what is kept, and each with one byte changed at every place: names that a
    // key of fewer bytes than the name would take for one another
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int length = 1; length <= 30; length++) {
      StringBuilder base = new StringBuilder();
      for (int c = 0; c < length; c++) base.append(alphabet.charAt(r.nextInt(26)));
      names.add(base.toString());
      for (int at = 0; at < length; at++) {
        StringBuilder changed = new StringBuilder(base);
        changed.setCharAt(at, base.charAt(at) == 'q' ? 'z' : 'q');
        names.add(changed.toString());
      }
    }
    NameTable.Misses misses = new NameTable.Misses();
    // one memory for every round, each round another table: what missed in one may hit in the next
    for (int round = 0; round < 60; round++) {
      NameTable t = new NameTable(8);
      for (int k = 0; k < 6; k++) t.addDomain(names.get(r.nextInt(names.size())).toLowerCase(Locale.ROOT));
      t.addHostname(names.get(r.nextInt(names.size())).toLowerCase(Locale.ROOT));
      for (int q = 0; q < 3_000; q++) {
        String name = names.get(r.nextInt(names.size()));
        if (r.nextInt(10) == 0) name = name.toUpperCase(Locale.ROOT);
        if (r.nextInt(20) == 0) name = name.substring(0, name.length() / 2) + alphabet.charAt(62 + r.nextInt(6)) + name.substring(name.length() / 2);
        String before = "x".repeat(r.nextInt(10));
        byte[] b = (before + name + "yy").getBytes(StandardCharsets.US_ASCII);
        int from = before.length();
        int to = from + name.length();
        assertThat(t.test(b, from, to, misses)).as("%s in round %d", name, round).isEqualTo(t.test(b, from, to));
      }
    }
  }

  @Test
  void lowerWord_foldsTheAsciiCapitalsOfEveryByte_only() {
    for (int place = 0; place < 8; place++) {
      for (int v = 0; v < 256; v++) {
        long word = 0x4142435A5B606162L ^ ((long) (v ^ 0x41) << (8 * place)); // other bytes: A B C Z [ ` a b
        long folded = NameTable.lowerWord(word);
        for (int k = 0; k < 8; k++) {
          int c = (int) (word >>> (8 * k)) & 0xff;
          int expected = c >= 'A' && c <= 'Z' ? c + 32 : c;
          assertThat((int) (folded >>> (8 * k)) & 0xff).as("byte %d at %d with %d at %d", c, k, v, place).isEqualTo(expected);
        }
      }
    }
  }

  private static String name(Random r, String[] labels, int count) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) s.append('.');
      s.append(labels[r.nextInt(labels.length)]);
    }
    return s.toString();
  }
}
