package io.chainwatch.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a seeded, reproducible portfolio: {@code customers.csv}, {@code inventory.csv} (rows grouped by asset, assets
 * by customer, as an inventory export lists them) and {@code incident.yaml}, a native advisory whose affected releases
 * are installed on about {@link Sizes#incidentShare()} of the rows.
 *
 * <p>Implementation notes. Counts are exact: customers get at least one asset and assets at least one installation, the
 * rest is spread by skewed weights (log-normal) with cumulative rounding, so the totals are what was asked. Each asset
 * draws its products without replacement, Zipf-weighted (Efraimidis–Spirakis keys), from those of its platform; the
 * incident product is planted on a random share of Windows assets instead of one of their draws. Everything comes from
 * one {@link SplittableRandom} per concern, split from the seed, so changing one distribution leaves the others alone.
 */
final class PortfolioGenerator {
  static final String INCIDENT_ID = "BENCH-VOXLINE-2024";
  static final String INCIDENT_VENDOR = "Voxline Communications Ltd";
  static final String INCIDENT_PRODUCT = "Voxline Desktop App";
  static final List<String> AFFECTED_VERSIONS = List.of("20.4.101", "20.4.117");
  static final String FIXED_FROM = "20.4.122";
  /** Installed releases of the incident product, with their share of its installations. */
  private static final String[] INCIDENT_RELEASES = {"20.4.101", "20.4.117", "20.4.122", "20.4.125", "20.3.88"};
  private static final double[] INCIDENT_RELEASE_CUMULATIVE = {0.40, 0.90, 0.95, 0.97, 1.0};
  private static final double AFFECTED_SHARE_OF_INCIDENT_PRODUCT = 0.90;

  /** What to generate. */
  record Sizes(int customers, int assets, long installations, int products, double incidentShare, long seed) {
    Sizes {
      if (customers < 1) throw new IllegalArgumentException("--customers must be at least 1");
      if (assets < customers) throw new IllegalArgumentException("--assets must be at least --customers (each customer has an asset)");
      if (installations < assets) throw new IllegalArgumentException("--installations must be at least --assets (each asset runs something)");
      if (installations > (long) assets * 120) {
        throw new IllegalArgumentException("--installations may be at most 120 per asset; the catalogue has too few products for more");
      }
    }
  }

  /** What was written, and what the exposure of the incident must find. */
  record Planted(long rows, int customers, int assets, long bytes, long incidentProductInstallations,
      long affectedInstallations, long affectedAssets, long affectedCustomers) {}

  private static final String[] PLACES = {
      "Northbridge", "Cedar Vale", "Meridian", "Harbour", "Aldgate", "Brightwater", "Kestrel", "Ironbridge",
      "Silverline", "Oakhurst", "Redfern", "Westmoor", "Eastgate", "Highfield", "Stonebridge", "Riverside", "Blackwood",
      "Greenhill", "Fairview", "Lakeside", "Summit", "Pinecrest", "Granite", "Beacon", "Crescent", "Falcon", "Heron",
      "Larkspur", "Marlow", "Norwood", "Orchard", "Primrose", "Quayside", "Rosewood", "Saxon", "Thornbury", "Upland",
      "Vantage", "Willow", "Yarrow"};
  private static final String[][] TRADES = {
      {"Precision Engineering", "manufacturing"}, {"Health Trust", "healthcare"}, {"Capital Partners", "finance"},
      {"Freight Logistics", "logistics"}, {"Dental Group", "healthcare"}, {"Law Chambers", "legal"},
      {"Architects", "professional services"}, {"Veterinary Clinics", "healthcare"},
      {"Property Management", "real estate"}, {"Retail Group", "retail"}, {"Credit Union", "finance"},
      {"Insurance Brokers", "finance"}, {"Manufacturing", "manufacturing"}, {"Foods", "food"}, {"Hotels", "hospitality"},
      {"Academy Trust", "education"}, {"Housing Association", "public sector"}, {"Energy", "energy"},
      {"Pharmacy", "healthcare"}, {"Accountants", "professional services"}, {"Media", "media"},
      {"Construction", "construction"}, {"Transport", "logistics"}, {"Water Services", "utilities"},
      {"District Council", "public sector"}};
  private static final String[] LEGAL = {" Ltd", " GmbH", " BV", " Inc.", " LLP", " plc", ""};
  private static final String[] COUNTRIES = {"GB", "GB", "GB", "US", "US", "NL", "DE", "DE", "FR", "IE", "BE"};
  private static final int[] CRITICALITY_WEIGHTS = {10, 25, 35, 20, 10};

  private final Sizes sizes;
  private final PrintStream log;

  PortfolioGenerator(Sizes sizes, PrintStream log) {
    this.sizes = sizes;
    this.log = log;
  }

  Planted write(Path dir) throws IOException {
    Files.createDirectories(dir);
    SplittableRandom root = new SplittableRandom(sizes.seed());
    SplittableRandom customerRandom = root.split();
    SplittableRandom assetRandom = root.split();
    SplittableRandom rowRandom = root.split();
    Catalog catalog = Catalog.create(root.split().nextLong(), sizes.products());

    List<String[]> customers = customers(customerRandom);
    writeCustomers(dir.resolve("customers.csv"), customers);

    int[] assetsPerCustomer = spread(sizes.assets(), logNormalWeights(customerRandom, customers.size(), 1.2, 50));
    String[] platforms = new String[sizes.assets()];
    double[] installWeights = new double[sizes.assets()];
    for (int a = 0; a < platforms.length; a++) {
      double u = assetRandom.nextDouble();
      platforms[a] = u < 0.72 ? "windows" : u < 0.88 ? "linux" : "macos";
      double base = platforms[a].equals("windows") ? 1.2 : platforms[a].equals("linux") ? 0.6 : 0.8;
      installWeights[a] = base * Math.min(2.5, Math.exp(0.35 * assetRandom.nextGaussian()));
    }
    Map<String, List<Catalog.Product>> candidates = new HashMap<>();
    for (String p : List.of("windows", "linux", "macos")) candidates.put(p, catalog.forPlatform(p));
    int[] caps = new int[platforms.length];
    for (int a = 0; a < caps.length; a++) caps[a] = candidates.get(platforms[a]).size();
    int[] installsPerAsset = capped(spread(sizes.installations(), installWeights), caps);

    long windowsAssets = Arrays.stream(platforms).filter("windows"::equals).count();
    double plantTarget = sizes.installations() * sizes.incidentShare() / AFFECTED_SHARE_OF_INCIDENT_PRODUCT;
    double plantProbability = windowsAssets == 0 ? 0 : Math.min(1.0, plantTarget / windowsAssets);

    long rows = 0, incidentInstalls = 0, affected = 0, affectedCustomers = 0;
    Map<String, String> hashes = new HashMap<>();
    Path inventory = dir.resolve("inventory.csv");
    try (Writer out = new BufferedWriter(Files.newBufferedWriter(inventory, StandardCharsets.UTF_8), 1 << 20)) {
      out.write("customer,asset,platform,vendor,product,version,ip,purl,install_path,sha256,observed_at\n");
      StringBuilder line = new StringBuilder(512);
      int asset = 0;
      for (int c = 0; c < customers.size(); c++) {
        String customer = customers.get(c)[0];
        String code = code(customer);
        boolean customerAffected = false;
        for (int n = 0; n < assetsPerCustomer[c]; n++, asset++) {
          String platform = platforms[asset];
          String assetName = code + "-" + role(platform, rowRandom) + "-" + String.format(Locale.ROOT, "%05d", n + 1);
          String ip = rowRandom.nextInt(100) < 95 ? ip(asset) : "";
          String observedAt = String.format(Locale.ROOT, "2024-05-%02dT%02d:%02d:%02dZ",
              1 + rowRandom.nextInt(7), rowRandom.nextInt(24), rowRandom.nextInt(60), rowRandom.nextInt(60));
          int count = installsPerAsset[asset];
          if (platform.equals("windows") && rowRandom.nextDouble() < plantProbability) {
            String version = pick(rowRandom, INCIDENT_RELEASES, INCIDENT_RELEASE_CUMULATIVE);
            String vendor = rowRandom.nextInt(10) == 0 ? "Voxline Communications" : INCIDENT_VENDOR;
            String path = "C:\\Users\\user" + (1 + rowRandom.nextInt(40)) + "\\AppData\\Local\\Programs\\VoxlineDesktopApp";
            row(line, customer, assetName, platform, vendor, INCIDENT_PRODUCT, version, ip, "", path,
                hash(hashes, INCIDENT_PRODUCT, version, platform), observedAt);
            out.append(line);
            count--;
            rows++;
            incidentInstalls++;
            if (AFFECTED_VERSIONS.contains(version)) {
              affected++;
              customerAffected = true;
            }
          }
          for (Catalog.Product p : draw(rowRandom, candidates.get(platform), count)) {
            String version = rowRandom.nextInt(500) == 0 ? "" : p.version(rowRandom);
            String purl = p.packageName() != null && rowRandom.nextInt(10) < 6
                ? "pkg:deb/debian/" + p.packageName() + "@" + version + "?arch=amd64" : "";
            if (version.isEmpty()) purl = "";
            String sha = rowRandom.nextInt(4) == 0 ? hash(hashes, p.name(), version, platform) : "";
            row(line, customer, assetName, platform, p.vendor(), p.name(), version, ip, purl,
                installPath(rowRandom, p, platform), sha, observedAt);
            out.append(line);
            rows++;
          }
          if (rows % 500_000 < installsPerAsset[asset]) log.printf("  generated %,d rows%n", rows);
        }
        if (customerAffected) affectedCustomers++;
      }
    }
    writeAdvisory(dir.resolve("incident.yaml"));
    // One affected installation per asset at most: affected assets equal affected installations.
    return new Planted(rows, customers.size(), sizes.assets(), Files.size(inventory), incidentInstalls, affected,
        affected, affectedCustomers);
  }

  private List<String[]> customers(SplittableRandom random) {
    List<String[]> combos = new ArrayList<>();
    for (String place : PLACES) for (String[] trade : TRADES) combos.add(new String[] {place + " " + trade[0], trade[1]});
    shuffle(random, combos);
    List<String[]> out = new ArrayList<>(sizes.customers());
    for (int i = 0; i < sizes.customers(); i++) {
      String[] combo = combos.get(i % combos.size());
      String name = combo[0] + (i >= combos.size() ? " " + (i / combos.size() + 1) : "") + LEGAL[random.nextInt(LEGAL.length)];
      int u = random.nextInt(100), criticality = 1, upTo = CRITICALITY_WEIGHTS[0];
      while (u >= upTo) upTo += CRITICALITY_WEIGHTS[criticality++];
      out.add(new String[] {name, combo[1], COUNTRIES[random.nextInt(COUNTRIES.length)], Integer.toString(criticality)});
    }
    return out;
  }

  private static void writeCustomers(Path file, List<String[]> customers) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("customer,sector,country,criticality\n");
      StringBuilder line = new StringBuilder();
      for (String[] c : customers) {
        line.setLength(0);
        for (int i = 0; i < c.length; i++) {
          if (i > 0) line.append(',');
          Csv.appendField(line, c[i]);
        }
        out.append(line).append('\n');
      }
    }
  }

  private static void writeAdvisory(Path file) throws IOException {
    String yaml = "# Generated by chainwatch-bench: a fictitious supply-chain incident for the import/exposure bench.\n"
        + "id: " + INCIDENT_ID + "\n"
        + "title: Voxline Desktop App trojanised installers (bench scenario)\n"
        + "disclosed: 2024-05-08\n"
        + "compromise_window: {from: 2024-03-01, to: 2024-05-08}\n"
        + "affected:\n"
        + "  - {vendor: " + INCIDENT_VENDOR + ", product: " + INCIDENT_PRODUCT + ", platform: windows, versions: \"vers:generic/"
        + String.join("|", AFFECTED_VERSIONS) + "\"}\n"
        + "fixed:\n"
        + "  - {vendor: " + INCIDENT_VENDOR + ", product: " + INCIDENT_PRODUCT + ", platform: windows, versions: \"vers:generic/>="
        + FIXED_FROM + "\"}\n"
        + "attribution:\n"
        + "  - {actor: BENCH-ACTOR, confidence: 50, source: chainwatch-bench, date: 2024-05-08}\n"
        + "indicators:\n"
        + "  - {type: domain, value: \"voxline-update[.]example\"}\n"
        + "references: [\"https://example.invalid/voxline\"]\n";
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
  }

  private static void row(StringBuilder line, String... fields) {
    line.setLength(0);
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) line.append(',');
      Csv.appendField(line, fields[i]);
    }
    line.append('\n');
  }

  /** {@code count} distinct products, Zipf-weighted by rank, without replacement (Efraimidis–Spirakis). */
  static List<Catalog.Product> draw(SplittableRandom random, List<Catalog.Product> from, int count) {
    if (count <= 0) return List.of();
    double[] keys = new double[from.size()];
    for (int i = 0; i < keys.length; i++) keys[i] = -Math.log(1.0 - random.nextDouble()) / from.get(i).weight();
    double[] sorted = keys.clone();
    Arrays.sort(sorted);
    double threshold = sorted[Math.min(count, sorted.length) - 1];
    List<Catalog.Product> out = new ArrayList<>(count);
    for (int i = 0; i < keys.length && out.size() < count; i++) {
      if (keys[i] <= threshold) out.add(from.get(i));
    }
    return out;
  }

  /** Splits {@code total} into one part per weight, each at least 1, proportional to the weights, summing exactly. */
  static int[] spread(long total, double[] weights) {
    int n = weights.length;
    long extra = total - n;
    double sum = 0;
    for (double w : weights) sum += w;
    int[] out = new int[n];
    double cumulative = 0;
    long given = 0;
    for (int i = 0; i < n; i++) {
      cumulative += weights[i];
      long upTo = i == n - 1 ? extra : Math.round(cumulative / sum * extra);
      out[i] = (int) (1 + upTo - given);
      given = upTo;
    }
    return out;
  }

  /** Moves what exceeds each part's cap to parts below theirs, in order, keeping the total. */
  static int[] capped(int[] parts, int[] caps) {
    long excess = 0;
    for (int i = 0; i < parts.length; i++) {
      if (parts[i] > caps[i]) {
        excess += parts[i] - caps[i];
        parts[i] = caps[i];
      }
    }
    for (int i = 0; excess > 0 && i < parts.length; i++) {
      int room = (int) Math.min(excess, caps[i] - parts[i]);
      parts[i] += room;
      excess -= room;
    }
    if (excess > 0) throw new IllegalArgumentException("too many installations for the assets and products");
    return parts;
  }

  private static double[] logNormalWeights(SplittableRandom random, int n, double sigma, double cap) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) w[i] = Math.min(cap, Math.exp(sigma * random.nextGaussian()));
    return w;
  }

  private static String code(String customer) {
    StringBuilder b = new StringBuilder();
    for (String word : customer.split(" ")) {
      if (!word.isEmpty() && Character.isLetterOrDigit(word.charAt(0))) b.append(Character.toLowerCase(word.charAt(0)));
    }
    return b.toString();
  }

  private static String role(String platform, SplittableRandom random) {
    switch (platform) {
      case "windows": return random.nextInt(100) < 85 ? "ws" : "srv";
      case "linux": return "lx";
      default: return "mac";
    }
  }

  private static String ip(int asset) {
    int n = asset + 1;
    return "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
  }

  private static String installPath(SplittableRandom random, Catalog.Product p, String platform) {
    if (random.nextInt(100) < 12) return "";
    switch (platform) {
      case "windows": return "C:\\Program Files\\" + p.name();
      case "macos": return "/Applications/" + p.name() + ".app";
      default: return p.packageName() != null ? "/usr/lib/" + p.packageName() : "/opt/" + p.name().replace(' ', '-').toLowerCase(Locale.ROOT);
    }
  }

  /** A stable stand-in for a release's file digest: the same release has the same value everywhere. */
  private static String hash(Map<String, String> cache, String product, String version, String platform) {
    return cache.computeIfAbsent(product + "\n" + version + "\n" + platform, k -> {
      SplittableRandom r = new SplittableRandom(k.hashCode() * 0x9E3779B97F4A7C15L);
      return String.format(Locale.ROOT, "%016x%016x%016x%016x", r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
    });
  }

  private static String pick(SplittableRandom random, String[] values, double[] cumulative) {
    double u = random.nextDouble();
    for (int i = 0; i < values.length; i++) if (u < cumulative[i]) return values[i];
    return values[values.length - 1];
  }

  private static <T> void shuffle(SplittableRandom random, List<T> list) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }
}
