package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser: headless Chromium renders it to a PNG screenshot and prints it to PDF. Skipped
 * when Chromium is not installed, unless {@code CHAINWATCH_REQUIRE_CHROMIUM=1} (as in CI) makes that a failure. The
 * pictures are kept in {@code target/report-screenshots/} for a person to look at.
 */
class ReportChromiumTest {
  @TempDir Path dir;
  Path chromium;

  @BeforeEach
  void findChromium() {
    for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
      if (Files.isExecutable(Path.of(c))) {
        chromium = Path.of(c);
        return;
      }
    }
    boolean required = "1".equals(System.getenv("CHAINWATCH_REQUIRE_CHROMIUM"));
    assertThat(required).as("CHAINWATCH_REQUIRE_CHROMIUM=1 but no Chromium is installed").isFalse();
    Assumptions.assumeTrue(false, "Chromium is not installed");
  }

  @Test
  void incidentReport_rendersStyledWithItsPictures_andPrintsToAMultiPagePdf() throws Exception {
    CliRun cli = new CliRun(dir);
    ReportCliTest.loadDemoWithHuntAndVerification(cli, dir);
    Path html = dir.resolve("xtrader.html");
    assertThat(cli.run("report", "XTRADER-2022", "--format", "html", "-o", html.toString()).exit()).isZero();
    Path shots = Files.createDirectories(Path.of("target", "report-screenshots"));
    Path png = shots.resolve("xtrader-2022.png");
    Path pdf = shots.resolve("xtrader-2022.pdf");
    Files.deleteIfExists(png);
    Files.deleteIfExists(pdf);

    chromium("--window-size=1100,2200", "--screenshot=" + png.toAbsolutePath(), html.toUri().toString());
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1100);
    assertThat(image.getHeight()).isEqualTo(2200);
    // The page background comes from the inline style sheet: if the Content-Security-Policy had blocked it, the page
    // would be white.
    assertThat(image.getRGB(4, 4) & 0xffffff).as("page background").isEqualTo(0xf2f4f7);
    // The exposure chart's "affected" bars (#b42318) were drawn.
    assertThat(count(image, 0xb42318)).as("pixels of the affected colour").isGreaterThan(500);

    // The 3CX report has the hunt's sightings: its timeline is drawn in the affected colour too.
    Path threeCx = dir.resolve("3cx.html");
    assertThat(cli.run("report", "3CX-2023-03", "--format", "html", "-o", threeCx.toString()).exit()).isZero();
    Path png3cx = shots.resolve("3cx-2023-03.png");
    chromium("--window-size=1100,3000", "--screenshot=" + png3cx.toAbsolutePath(), threeCx.toUri().toString());
    assertThat(ImageIO.read(png3cx.toFile()).getHeight()).isEqualTo(3000);

    chromium("--no-pdf-header-footer", "--print-to-pdf=" + pdf.toAbsolutePath(), html.toUri().toString());
    String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
    assertThat(text).startsWith("%PDF-");
    Matcher pages = Pattern.compile("/Type\\s*/Page[^s]").matcher(text);
    int n = 0;
    while (pages.find()) n++;
    assertThat(n).as("A4 pages").isBetween(2, 12);
  }

  private static int count(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) if ((image.getRGB(x, y) & 0xffffff) == rgb) n++;
    }
    return n;
  }

  private void chromium(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
        "--user-data-dir=" + Files.createTempDirectory(dir, "chromium")));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("Chromium did not finish in 120 s");
    }
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("chromium.log"))).isZero();
  }
}
