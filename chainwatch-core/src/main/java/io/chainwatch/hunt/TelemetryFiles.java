package io.chainwatch.hunt;

import io.chainwatch.common.CountingInputStream;
import io.chainwatch.common.Progress;
import io.chainwatch.ingest.Head;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Telemetry files as the hunt and downstream monitoring read them: folders walked in name order, each file read by the
 * first reader whose sniff accepts its (decompressed) head, {@code .gz} decompressed on the fly.
 */
public final class TelemetryFiles {
  private TelemetryFiles() {}

  /** Every regular file under the paths, directories walked recursively in name order. */
  public static List<Path> files(List<String> paths) {
    List<Path> out = new ArrayList<>();
    for (String p : paths) {
      Path path = Path.of(p);
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile).sorted().forEach(out::add);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + path, e);
        }
      } else if (Files.isRegularFile(path)) {
        out.add(path);
      } else {
        throw new io.chainwatch.ingest.InputRejected(p, null, "no such file or folder");
      }
    }
    return out;
  }

  /**
   * Reads one file into {@code sink} with the reader its content calls for; an unrecognised or unreadable file is a
   * problem handed to the sink, never an exception.
   */
  public static void read(Path f, List<TelemetryReader> readers, TelemetrySink sink, Progress progress) {
    String name = f.toString();
    try (InputStream raw = Files.newInputStream(f)) {
      InputStream in = new BufferedInputStream(new CountingInputStream(raw, progress, name, -1), 1 << 16);
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      String headName = f.getFileName().toString();
      if (b0 == 0x1f && b1 == 0x8b) {
        in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        if (headName.endsWith(".gz")) headName = headName.substring(0, headName.length() - 3);
      }
      in.mark(Head.SIZE);
      byte[] head = in.readNBytes(Head.SIZE);
      in.reset();
      @Nullable TelemetryReader reader = null;
      Head h = new Head(headName, head);
      for (TelemetryReader r : readers) {
        if (r.accepts(h)) {
          reader = r;
          break;
        }
      }
      if (reader == null) {
        if (head.length > 0) sink.problem(new ReadProblem(name, 0, ReadProblem.UNKNOWN_FORMAT, "no telemetry reader recognises this file"));
        return;
      }
      reader.read(name, in, sink);
    } catch (IOException e) {
      sink.problem(new ReadProblem(name, 0, ReadProblem.CORRUPT, "cannot be read: " + e.getMessage()));
    }
  }
}
