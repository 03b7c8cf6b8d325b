package io.chainwatch.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The software a generated portfolio runs: a few dozen well-known products followed by a long tail of invented ones,
 * each with a handful of releases. Popularity is Zipf-like by rank (weight 1/rank), and within a product the newest
 * releases are the most installed (geometric by age), as in a real fleet.
 */
final class Catalog {
  /** Which assets a product is installed on. */
  enum Family { WINDOWS, MACOS, LINUX, CROSS }

  /** How a product numbers its releases. */
  enum VersionStyle { BROWSER, SEMVER, CALENDAR, DEBIAN, PATCH_SUFFIX }

  /**
   * One product.
   *
   * @param versions newest first
   * @param versionCumulative cumulative popularity of {@code versions}, ending at 1
   * @param packageName the Debian package name of a Linux product (its purl), or null
   */
  record Product(int rank, Family family, String vendor, String name, List<String> versions,
      double[] versionCumulative, @Nullable String packageName) {
    double weight() {
      return 1.0 / rank;
    }

    String version(SplittableRandom random) {
      double u = random.nextDouble();
      for (int i = 0; i < versionCumulative.length; i++) {
        if (u < versionCumulative[i]) return versions.get(i);
      }
      return versions.get(versions.size() - 1);
    }
  }

  private static final Object[][] KNOWN = {
      // family, vendor, product, style
      {Family.CROSS, "Google LLC", "Google Chrome", VersionStyle.BROWSER},
      {Family.WINDOWS, "Microsoft Corporation", "Microsoft Edge", VersionStyle.BROWSER},
      {Family.WINDOWS, "Microsoft Corporation", "Microsoft 365 Apps for enterprise", VersionStyle.CALENDAR},
      {Family.CROSS, "Microsoft Corporation", "Microsoft Teams", VersionStyle.SEMVER},
      {Family.LINUX, "OpenSSL Project", "OpenSSL", VersionStyle.DEBIAN, "openssl"},
      {Family.WINDOWS, "Microsoft Corporation", "Microsoft Visual C++ 2015-2022 Redistributable (x64)", VersionStyle.SEMVER},
      {Family.CROSS, "Zoom Video Communications Inc.", "Zoom Workplace", VersionStyle.SEMVER},
      {Family.LINUX, "OpenBSD Project", "OpenSSH Server", VersionStyle.DEBIAN, "openssh-server"},
      {Family.CROSS, "Mozilla", "Mozilla Firefox", VersionStyle.BROWSER},
      {Family.WINDOWS, "Adobe Inc.", "Adobe Acrobat Reader DC", VersionStyle.CALENDAR},
      {Family.LINUX, "Free Software Foundation", "GNU C Library", VersionStyle.DEBIAN, "libc6"},
      {Family.WINDOWS, "Igor Pavlov", "7-Zip", VersionStyle.SEMVER},
      {Family.MACOS, "Apple Inc.", "Safari", VersionStyle.SEMVER},
      {Family.CROSS, "Slack Technologies LLC", "Slack", VersionStyle.SEMVER},
      {Family.LINUX, "curl project", "curl", VersionStyle.DEBIAN, "curl"},
      {Family.WINDOWS, "CrowdStrike Inc.", "CrowdStrike Falcon Sensor", VersionStyle.SEMVER},
      {Family.CROSS, "Oracle Corporation", "Java SE Runtime Environment", VersionStyle.PATCH_SUFFIX},
      {Family.WINDOWS, "Notepad++ Team", "Notepad++", VersionStyle.SEMVER},
      {Family.LINUX, "The sudo project", "sudo", VersionStyle.DEBIAN, "sudo"},
      {Family.CROSS, "Cisco Systems Inc.", "Cisco Webex Meetings", VersionStyle.SEMVER},
      {Family.WINDOWS, "VMware Inc.", "VMware Tools", VersionStyle.SEMVER},
      {Family.LINUX, "Tukaani Project", "XZ Utils", VersionStyle.DEBIAN, "xz-utils"},
      {Family.CROSS, "Citrix Systems Inc.", "Citrix Workspace", VersionStyle.CALENDAR},
      {Family.WINDOWS, "TeamViewer Germany GmbH", "TeamViewer", VersionStyle.SEMVER},
      {Family.MACOS, "Homebrew", "Homebrew", VersionStyle.SEMVER},
      {Family.CROSS, "Microsoft Corporation", "Visual Studio Code", VersionStyle.SEMVER},
      {Family.WINDOWS, "Simon Tatham", "PuTTY", VersionStyle.SEMVER},
      {Family.LINUX, "systemd project", "systemd", VersionStyle.DEBIAN, "systemd"},
      {Family.WINDOWS, "AnyDesk Software GmbH", "AnyDesk", VersionStyle.SEMVER},
      {Family.CROSS, "Python Software Foundation", "Python", VersionStyle.SEMVER},
      {Family.WINDOWS, "Dell Inc.", "Dell Command Update", VersionStyle.SEMVER},
      {Family.LINUX, "Docker Inc.", "Docker Engine", VersionStyle.SEMVER, "docker-ce"},
      {Family.CROSS, "Dropbox Inc.", "Dropbox", VersionStyle.SEMVER},
      {Family.WINDOWS, "HP Inc.", "HP Support Assistant", VersionStyle.SEMVER},
      {Family.MACOS, "Apple Inc.", "Xcode", VersionStyle.SEMVER},
      {Family.CROSS, "VideoLAN", "VLC media player", VersionStyle.SEMVER},
      {Family.LINUX, "nginx Inc.", "nginx", VersionStyle.DEBIAN, "nginx"},
      {Family.WINDOWS, "Lenovo", "Lenovo Vantage", VersionStyle.SEMVER},
      {Family.CROSS, "AgileBits Inc.", "1Password", VersionStyle.SEMVER},
      {Family.WINDOWS, "ConnectWise LLC", "ScreenConnect Client", VersionStyle.SEMVER},
      {Family.LINUX, "PostgreSQL Global Development Group", "PostgreSQL", VersionStyle.DEBIAN, "postgresql-15"},
      {Family.CROSS, "Git project", "Git", VersionStyle.SEMVER},
      {Family.WINDOWS, "Sophos Ltd", "Sophos Endpoint Agent", VersionStyle.SEMVER},
      {Family.MACOS, "George Nachman", "iTerm2", VersionStyle.SEMVER},
      {Family.WINDOWS, "Intel Corporation", "Intel Graphics Driver", VersionStyle.BROWSER},
      {Family.CROSS, "OpenJS Foundation", "Node.js", VersionStyle.SEMVER},
      {Family.LINUX, "Apache Software Foundation", "Apache HTTP Server", VersionStyle.DEBIAN, "apache2"},
      {Family.WINDOWS, "NVIDIA Corporation", "NVIDIA Graphics Driver", VersionStyle.SEMVER},
      {Family.CROSS, "Docker Inc.", "Docker Desktop", VersionStyle.SEMVER},
      {Family.WINDOWS, "Foxit Software Inc.", "Foxit PDF Reader", VersionStyle.CALENDAR},
      {Family.LINUX, "Redis Ltd", "Redis", VersionStyle.DEBIAN, "redis-server"},
      {Family.WINDOWS, "Tim Kosse", "FileZilla Client", VersionStyle.SEMVER},
      {Family.CROSS, "Wireshark Foundation", "Wireshark", VersionStyle.SEMVER},
      {Family.WINDOWS, "Martin Prikryl", "WinSCP", VersionStyle.SEMVER},
      {Family.MACOS, "Bare Bones Software", "BBEdit", VersionStyle.SEMVER},
      {Family.LINUX, "Oracle Corporation", "MySQL Server", VersionStyle.DEBIAN, "mysql-server"},
      {Family.WINDOWS, "Veeam Software Group GmbH", "Veeam Agent for Microsoft Windows", VersionStyle.SEMVER},
      {Family.CROSS, "Tailscale Inc.", "Tailscale", VersionStyle.SEMVER},
      {Family.WINDOWS, "Splunk Inc.", "Splunk Universal Forwarder", VersionStyle.SEMVER},
      {Family.LINUX, "Canonical Ltd", "snapd", VersionStyle.DEBIAN, "snapd"},
      {Family.WINDOWS, "win.rar GmbH", "WinRAR", VersionStyle.SEMVER},
      {Family.CROSS, "JetBrains s.r.o.", "IntelliJ IDEA", VersionStyle.CALENDAR},
      {Family.WINDOWS, "SolarWinds Worldwide LLC", "SolarWinds Orion Agent", VersionStyle.CALENDAR},
      {Family.LINUX, "OpenVPN Inc.", "OpenVPN", VersionStyle.DEBIAN, "openvpn"},
      {Family.WINDOWS, "Kaseya", "Kaseya VSA Agent", VersionStyle.SEMVER},
      {Family.MACOS, "Rectangle", "Rectangle", VersionStyle.SEMVER},
      {Family.CROSS, "Signal Messenger LLC", "Signal Desktop", VersionStyle.SEMVER},
      {Family.WINDOWS, "Realtek Semiconductor Corp.", "Realtek High Definition Audio Driver", VersionStyle.SEMVER},
      {Family.LINUX, "Elastic N.V.", "Filebeat", VersionStyle.SEMVER, "filebeat"},
      {Family.WINDOWS, "SentinelOne", "Sentinel Agent", VersionStyle.SEMVER},
  };

  private static final String[] SYLLABLES = {
      "nor", "tek", "ava", "lux", "cor", "vex", "ion", "sol", "tra", "mer", "qua", "zen", "pix", "dyn", "ora", "bel",
      "kin", "ark", "fly", "hal", "cyb", "rix", "ven", "tal", "mon", "sur", "gal", "ost", "lyn", "pro"};
  private static final String[] VENDOR_SUFFIXES = {
      "Software", "Systems", "Labs", "Technologies", "Software GmbH", "Systems Inc.", "Ltd", "Corporation", "AG", "BV"};
  private static final String[] PRODUCT_NOUNS = {
      "Backup Agent", "Sync Client", "Print Manager", "VPN Client", "Endpoint Agent", "Remote Support", "PDF Editor",
      "Asset Scanner", "Password Manager", "Desktop Connector", "Update Service", "Monitoring Agent", "Scan Utility",
      "Device Manager", "Collaboration Suite", "Time Tracker", "Softphone", "Archive Tool", "Diagram Editor",
      "Log Shipper", "Database Client", "Driver Pack", "Screen Recorder", "License Server", "Mail Connector"};

  private final List<Product> products;

  private Catalog(List<Product> products) {
    this.products = products;
  }

  /** The known products plus invented ones up to {@code size} products in all. */
  static Catalog create(long seed, int size) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Product> products = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (Object[] k : KNOWN) {
      if (products.size() == size) break;
      String pkg = k.length > 4 ? (String) k[4] : null;
      add(products, taken, random.split(), (Family) k[0], (String) k[1], (String) k[2], (VersionStyle) k[3], pkg);
    }
    Family[] tailFamilies = {Family.WINDOWS, Family.WINDOWS, Family.WINDOWS, Family.LINUX, Family.LINUX, Family.MACOS,
        Family.CROSS};
    VersionStyle[] tailStyles = {VersionStyle.SEMVER, VersionStyle.SEMVER, VersionStyle.SEMVER, VersionStyle.CALENDAR,
        VersionStyle.PATCH_SUFFIX};
    while (products.size() < size) {
      String stem = capitalise(pick(random, SYLLABLES) + pick(random, SYLLABLES));
      String vendor = stem + " " + pick(random, VENDOR_SUFFIXES);
      String name = stem + " " + pick(random, PRODUCT_NOUNS);
      Family family = pick(random, tailFamilies);
      VersionStyle style = family == Family.LINUX ? VersionStyle.DEBIAN : pick(random, tailStyles);
      String pkg = family == Family.LINUX ? name.toLowerCase(Locale.ROOT).replace(' ', '-') : null;
      add(products, taken, random.split(), family, vendor, name, style, pkg);
    }
    return new Catalog(List.copyOf(products));
  }

  private static void add(List<Product> products, Set<String> taken, SplittableRandom random, Family family,
      String vendor, String name, VersionStyle style, @Nullable String pkg) {
    if (!taken.add(name)) return;
    List<String> versions = versions(random, style);
    double[] cumulative = new double[versions.size()];
    double p = 0.45, sum = 0;
    for (int i = 0; i < cumulative.length; i++) {
      sum += p * Math.pow(1 - p, i);
      cumulative[i] = sum;
    }
    for (int i = 0; i < cumulative.length; i++) cumulative[i] /= sum;
    products.add(new Product(products.size() + 1, family, vendor, name, versions, cumulative, pkg));
  }

  /** Three to twelve distinct releases, newest first. */
  static List<String> versions(SplittableRandom random, VersionStyle style) {
    int count = 3 + random.nextInt(10);
    List<String> out = new ArrayList<>(count);
    int major = style == VersionStyle.BROWSER ? 90 + random.nextInt(40) : 1 + random.nextInt(24);
    int minor = random.nextInt(20);
    int patch = random.nextInt(40) + count;
    int build = 4000 + random.nextInt(3000);
    int year = 2020 + random.nextInt(4);
    int month = 1 + random.nextInt(12);
    for (int i = 0; i < count; i++) {
      switch (style) {
        case BROWSER:
          out.add((major - i / 3) + ".0." + (build - i * 41) + "." + (patch * 3 - i * 7 % 30 + 20));
          break;
        case CALENDAR:
          int m = month - i;
          int y = year + Math.floorDiv(m - 1, 12);
          out.add(y + "." + (Math.floorMod(m - 1, 12) + 1) + "." + (patch - i));
          break;
        case DEBIAN:
          out.add(major + "." + minor + "." + (patch - i) + "-" + (1 + i % 3) + "+deb12u" + (1 + (count - i) % 4));
          break;
        case PATCH_SUFFIX:
          out.add(major + "." + minor + "." + (patch - i / 2) + (i % 2 == 0 ? "p" + (600 + 8 * (count - i)) : ""));
          break;
        default:
          out.add(major + "." + (minor - i / 4 < 0 ? 0 : minor - i / 4) + "." + (patch - i));
      }
    }
    return List.copyOf(new LinkedHashSet<>(out)); // a style may repeat a number; each release once
  }

  /** Every product, in rank order. */
  List<Product> products() {
    return products;
  }

  /** The products an asset of this platform can run, in rank order. */
  List<Product> forPlatform(String platform) {
    List<Product> out = new ArrayList<>();
    for (Product p : products) {
      if (p.family() == Family.CROSS
          || (p.family() == Family.WINDOWS && platform.equals("windows"))
          || (p.family() == Family.MACOS && platform.equals("macos"))
          || (p.family() == Family.LINUX && platform.equals("linux"))) {
        out.add(p);
      }
    }
    return out;
  }

  private static <T> T pick(SplittableRandom random, T[] from) {
    return from[random.nextInt(from.length)];
  }

  private static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
