package io.chainwatch.verify;

import java.nio.file.Path;
import java.util.List;

/**
 * A signed installer or application folder that ships unsigned PE modules (3CX's trojanised, unsigned
 * {@code ffmpeg.dll} beside a signed {@code 3CXDesktopApp.exe}).
 *
 * @param root the folder given on the command line
 * @param signed the signed files with a valid signature in it
 * @param unsignedModules the PE modules in it without a signature
 */
public record BundleReport(Path root, List<Path> signed, List<Path> unsignedModules) {
  public BundleReport {
    signed = List.copyOf(signed);
    unsignedModules = List.copyOf(unsignedModules);
  }
}
