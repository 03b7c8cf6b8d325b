package io.chainwatch.bench;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.verify.Digester;
import io.chainwatch.verify.FileDigests;
import io.chainwatch.verify.FileReport;
import io.chainwatch.verify.SignatureStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The verification bench of issue 6, {@code chainwatch-bench/bench verify [options]}:
 *
 * <ol>
 *   <li>Hashing: one 1 GiB file of random bytes (made once, page-cached by a first read). In alternating rounds,
 *       {@code sha256sum} (one digest, a process) and Chainwatch's {@link Digester} (SHA-256, SHA-1 and MD5 in one
 *       pass, in this JVM after one warm-up pass); the ratio of the medians is the figure (target at most 0.7). The
 *       SHA-256 values must agree. One whole {@code chainwatch verify FILE} through the launcher is timed as well.
 *   <li>Signed PE files: a folder of {@code --files} small PE files (4 to 36 KiB): {@code --distinct} of them signed
 *       once with {@code osslsigncode} and a self-signed test certificate, the rest copies (cached under {@code --dir}). Chainwatch's
 *       {@code verify} over the folder, in this JVM (twice: the first run includes JIT warm-up) and as a whole process;
 *       every file must come out {@code valid}. {@code osslsigncode verify} on a sample of the files, one process per
 *       file as it runs, for comparison.
 * </ol>
 */
public final class VerifyBench {
  private static final String SECTION = "## Issue 6: verification";
  private static final long GIB = 1L << 30;

  private final PrintStream out = System.out;
  private final Path dir;
  private final int files;
  private final int rounds;
  private final int sample;
  private final int distinct;
  private final Path launcher;
  private final Path report;

  private VerifyBench(Path dir, int files, int rounds, int sample, int distinct, Path launcher, Path report) {
    this.dir = dir;
    this.distinct = Math.min(distinct, files);
    this.files = files;
    this.rounds = rounds;
    this.sample = sample;
    this.launcher = launcher;
    this.report = report;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of("bench-data/verify");
    int files = 10_000;
    int rounds = 5;
    int sample = 200;
    int distinct = 1_000;
    Path report = Path.of("BENCHMARKS.md");
    boolean write = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> dir = Path.of(args[++i]);
        case "--files" -> files = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--sample" -> sample = Integer.parseInt(args[++i]);
        case "--distinct" -> distinct = Integer.parseInt(args[++i]);
        case "--report" -> report = Path.of(args[++i]);
        case "--no-report" -> write = false;
        default -> {
          System.err.println("bench verify: unknown option " + args[i]
              + "\nusage: chainwatch-bench/bench verify [--dir bench-data/verify] [--files 10000] [--rounds 5] [--sample 200] [--distinct 1000] [--report FILE | --no-report]");
          System.exit(2);
        }
      }
    }
    Files.createDirectories(dir);
    VerifyBench b = new VerifyBench(dir.toAbsolutePath(), files, rounds, sample, distinct, Path.of("chainwatch").toAbsolutePath(), report);
    String section = b.run();
    if (write) {
      Bench.replaceSection(report, SECTION, section);
      System.out.println("Wrote the figures to " + report);
    }
  }

  private String run() throws Exception {
    Map<String, String> machine = Bench.machine();
    machine.put("load before", Bench.loadAverage());
    out.println("Machine");
    machine.forEach((k, v) -> out.printf("  %-12s %s%n", k, v));

    // 1. Hashing.
    Path big = dir.resolve("random-1g.bin");
    if (!Files.isRegularFile(big) || Files.size(big) != GIB) writeRandom(big);
    String sums = capture("sha256sum", big.toString()); // also puts the file in the page cache
    String expected = sums.substring(0, 64);
    FileDigests warm = Digester.digest(big);
    if (!warm.sha256().equals(expected)) throw new IllegalStateException("SHA-256 differs from sha256sum's: " + warm.sha256());
    double[] shaSum = new double[rounds];
    double[] ours = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      capture("sha256sum", big.toString());
      shaSum[i] = seconds(t0);
      t0 = System.nanoTime();
      Digester.digest(big);
      ours[i] = seconds(t0);
      out.printf(Locale.ROOT, "round %d: sha256sum %.2f s, Chainwatch (3 digests) %.2f s%n", i + 1, shaSum[i], ours[i]);
    }
    // Where the time goes: each digest alone on one thread (MD5, on the second thread, is the floor of the pass).
    double[] alone = new double[3];
    String[] algorithms = {"SHA-256", "SHA-1", "MD5"};
    for (int a = 0; a < 3; a++) alone[a] = digestAlone(big, algorithms[a]);
    out.printf(Locale.ROOT, "alone: SHA-256 %.2f s, SHA-1 %.2f s, MD5 %.2f s%n", alone[0], alone[1], alone[2]);
    double ratio = median(ours) / median(shaSum);
    out.printf(Locale.ROOT, "hashing: median sha256sum %.2f s, Chainwatch %.2f s, ratio %.2f (target <= 0.7)%n", median(shaSum), median(ours), ratio);
    Path db = dir.resolve("bench.db");
    Files.deleteIfExists(db);
    String url = "jdbc:sqlite:" + db;
    run(List.of(launcher.toString(), "--help")); // the launcher's first run after a build writes its class-data archive
    long t0 = System.nanoTime();
    run(List.of(launcher.toString(), "--db", url, "verify", big.toString(), "--format", "json"));
    double wholeBig = seconds(t0);
    out.printf(Locale.ROOT, "chainwatch verify (whole process, 1 GiB): %.2f s%n", wholeBig);

    // 2. Signed PE files.
    Path corpus = signedCorpus();
    double[] inJvm = new double[2];
    long totalBytes = 0;
    try (Chainwatch cw = Chainwatch.open(url, Clock.systemUTC())) {
      for (int i = 0; i < inJvm.length; i++) {
        AtomicLong valid = new AtomicLong();
        AtomicLong seen = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        t0 = System.nanoTime();
        cw.verify().verify(List.of(corpus), r -> {
          seen.incrementAndGet();
          bytes.addAndGet(Math.max(0, r.size()));
          if (r.signature().status() == SignatureStatus.VALID) valid.incrementAndGet();
          else out.println("not valid: " + describe(r));
        });
        inJvm[i] = seconds(t0);
        totalBytes = bytes.get();
        if (valid.get() != files) throw new IllegalStateException(valid.get() + " of " + seen.get() + " files valid, " + files + " expected");
        out.printf(Locale.ROOT, "in-process verify run %d: %,d files valid in %.2f s (%,.0f files/s)%n", i + 1, files, inJvm[i], files / inJvm[i]);
      }
    }
    t0 = System.nanoTime();
    run(List.of(launcher.toString(), "--db", url, "verify", corpus.toString(), "--format", "json"));
    double wholeCorpus = seconds(t0);
    out.printf(Locale.ROOT, "chainwatch verify (whole process, %,d files): %.2f s (%,.0f files/s)%n", files, wholeCorpus, files / wholeCorpus);
    int step = Math.max(1, files / sample);
    int sampled = 0;
    t0 = System.nanoTime();
    for (int i = 0; i < files; i += step) {
      String o = capture("osslsigncode", "verify", "-in", pe(corpus, i).toString(), "-CAfile", dir.resolve("cert.pem").toString());
      if (!o.contains("Signature verification: ok")) throw new IllegalStateException("osslsigncode rejects " + pe(corpus, i) + ":\n" + o);
      sampled++;
    }
    double ossl = seconds(t0);
    out.printf(Locale.ROOT, "osslsigncode verify: %d files in %.2f s (%,.0f files/s)%n", sampled, ossl, sampled / ossl);
    machine.put("load after", Bench.loadAverage());

    StringBuilder s = new StringBuilder();
    s.append(SECTION).append("\n\n");
    s.append("Written by `chainwatch-bench/bench verify` (").append(java.time.LocalDate.now(Clock.systemUTC())).append(").\n\n");
    s.append("| machine | |\n| --- | --- |\n");
    machine.forEach((k, v) -> s.append("| ").append(k).append(" | ").append(v.replace("|", "/")).append(" |\n"));
    s.append("\n**Hashing one 1 GiB file** of random bytes, page-cached, ").append(rounds)
        .append(" alternating rounds in one run; Chainwatch's `Digester` (SHA-256 and SHA-1 on the reading thread, MD5 on a second,")
        .append(" 4 MiB chunks) inside the bench's JVM after one warm-up pass; `sha256sum` as a process (one digest).\n\n");
    s.append("| what | median | rounds |\n| --- | --- | --- |\n");
    s.append(String.format(Locale.ROOT, "| `sha256sum FILE` (SHA-256 only) | %.2f s | %s |%n", median(shaSum), list(shaSum)));
    s.append(String.format(Locale.ROOT, "| Chainwatch, SHA-256 + SHA-1 + MD5 in one pass | %.2f s | %s |%n", median(ours), list(ours)));
    s.append(String.format(Locale.ROOT, "| `./chainwatch verify FILE --format json`, whole process (JVM start, database, digests, signature sniff) | %.2f s | 1 |%n", wholeBig));
    s.append(String.format(Locale.ROOT, "| each digest alone on one thread, one pass each (SHA-256, SHA-1, MD5) | %.2f s, %.2f s, %.2f s | 1 |%n",
        alone[0], alone[1], alone[2]));
    s.append(String.format(Locale.ROOT, "%n**Ratio %.2f** (Chainwatch's three digests / `sha256sum`'s one; target at most 0.7): **%s**.%n",
        ratio, ratio <= 0.7 ? "met" : "missed"));
    s.append(String.format(Locale.ROOT, "%n**Verifying %,d small signed PE files** (%s in all, 4–36 KiB each: %,d distinct files signed with"
        + " `osslsigncode sign -h sha256` and a self-signed test certificate, copied to make up the count, since one"
        + " osslsigncode process per file takes a quarter of a second on this shared machine; made once and cached under"
        + " `bench-data/verify/`). Every file must come out `valid`.%n%n", files, mb(totalBytes), distinct));
    s.append("| what | time | files/s |\n| --- | --- | --- |\n");
    s.append(String.format(Locale.ROOT, "| Chainwatch `VerifyService`, in process, first run (JIT warming) | %.2f s | %,.0f |%n", inJvm[0], files / inJvm[0]));
    s.append(String.format(Locale.ROOT, "| Chainwatch `VerifyService`, in process, second run | %.2f s | %,.0f |%n", inJvm[1], files / inJvm[1]));
    s.append(String.format(Locale.ROOT, "| `./chainwatch verify DIR --format json`, whole process | %.2f s | %,.0f |%n", wholeCorpus, files / wholeCorpus));
    s.append(String.format(Locale.ROOT, "| `osslsigncode verify -in FILE -CAfile cert.pem`, one process per file, %d-file sample | %.2f s | %,.0f |%n",
        sampled, ossl, sampled / ossl));
    s.append("\nThe machine is shared with other sessions: compare figures of one run only (the load average is above).\n\n");
    return s.toString();
  }

  /** One digest over the file on this thread, read in 4 MiB chunks; seconds. */
  private static double digestAlone(Path file, String algorithm) throws Exception {
    java.security.MessageDigest md = java.security.MessageDigest.getInstance(algorithm);
    byte[] chunk = new byte[4 << 20];
    long t0 = System.nanoTime();
    try (java.io.InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.readNBytes(chunk, 0, chunk.length)) > 0; ) md.update(chunk, 0, n);
    }
    md.digest();
    return seconds(t0);
  }

  private static String describe(FileReport r) {
    return r.path() + " " + r.signature().status().wireName() + " " + r.signature().problems() + (r.error() == null ? "" : " " + r.error());
  }

  /** The signed corpus, made on first use: unsigned PE files, then osslsigncode on two workers (it is one process per file). */
  private Path signedCorpus() throws Exception {
    Path corpus = dir.resolve("signed-pe-" + files);
    Path done = dir.resolve(corpus.getFileName() + ".complete"); // beside the folder: inside, it would be verified too
    if (Files.isRegularFile(done)) return corpus;
    Files.createDirectories(corpus);
    if (!Files.isRegularFile(dir.resolve("cert.pem")) || !Files.isRegularFile(dir.resolve("key.pem"))) {
      run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve("key.pem").toString(),
          "-out", dir.resolve("cert.pem").toString(), "-days", "3650", "-subj", "/CN=Chainwatch Bench Signer",
          "-addext", "extendedKeyUsage=codeSigning"));
    }
    Path unsigned = Files.createDirectories(dir.resolve("unsigned-tmp"));
    out.printf("making %,d signed PE files (%,d signed, the rest copies of them) under %s (once)...%n", files, distinct, corpus);
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int worker = w;
        jobs.add(pool.submit(() -> {
          for (int i = worker; i < distinct; i += 2) {
            Path target = pe(corpus, i);
            if (Files.isRegularFile(target)) continue;
            Path in = unsigned.resolve(target.getFileName());
            Files.write(in, SmallPe.build(i));
            run(List.of("osslsigncode", "sign", "-certs", dir.resolve("cert.pem").toString(), "-key",
                dir.resolve("key.pem").toString(), "-h", "sha256", "-n", "Chainwatch bench", "-in", in.toString(), "-out",
                target.toString()));
            Files.delete(in);
          }
          return null;
        }));
      }
      for (Future<?> f : jobs) f.get();
    } finally {
      pool.shutdown();
    }
    for (int i = distinct; i < files; i++) {
      Path target = pe(corpus, i);
      if (!Files.isRegularFile(target)) Files.copy(pe(corpus, i % distinct), target);
    }
    Files.deleteIfExists(unsigned);
    Files.writeString(done, files + "\n");
    out.printf(Locale.ROOT, "signed in %.0f s%n", seconds(t0));
    return corpus;
  }

  private static Path pe(Path corpus, int i) {
    return corpus.resolve(String.format(Locale.ROOT, "module-%05d.dll", i));
  }

  private static void writeRandom(Path file) throws IOException {
    SplittableRandom random = new SplittableRandom(6);
    byte[] chunk = new byte[4 << 20];
    ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    try (OutputStream o = Files.newOutputStream(file)) {
      for (long done = 0; done < GIB; done += chunk.length) {
        for (int i = 0; i < chunk.length; i += 8) view.putLong(i, random.nextLong());
        o.write(chunk);
      }
    }
  }

  private static String capture(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0 && !command[0].equals("osslsigncode")) throw new IOException(String.join(" ", command) + " failed:\n" + text);
    return text;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.PIPE).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IOException(String.join(" ", command) + " failed:\n" + err);
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static String list(double[] values) {
    List<String> s = new ArrayList<>();
    for (double v : values) s.add(String.format(Locale.ROOT, "%.2f", v));
    return String.join(", ", s);
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
