package io.chainwatch.formats.telemetry.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The TSV reader splits a line as the regular expression of its separator did, without one. */
class ZeekTsvSplitTest {
  @Test
  void splitsAsTheQuotedPatternDoes_forAnySeparatorAndLine() {
    Random random = new Random(7);
    String alphabet = "\t|,ab\\x-";
    for (String separator : new String[] {"\t", "|", "||", "\\x09", "ab", ",", "a"}) {
      Pattern pattern = Pattern.compile(Pattern.quote(separator));
      for (int i = 0; i < 20_000; i++) {
        StringBuilder line = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) line.append(alphabet.charAt(random.nextInt(alphabet.length())));
        String text = line.toString();
        assertThat(ZeekTsvReader.split(text, separator)).as("'%s' by '%s'", text, separator)
            .containsExactly(pattern.split(text, -1));
      }
    }
  }
}
