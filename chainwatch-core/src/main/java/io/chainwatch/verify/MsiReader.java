package io.chainwatch.verify;

import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** The MSI (OLE compound file) side of Authenticode; implemented with a library that reads compound files. */
public interface MsiReader {
  /** An MSI's signature stream ({@code \u0005DigitalSignature}) as DER, or null when the file is unsigned. */
  byte @Nullable [] signature(Path file) throws IOException, MalformedFile;

  /** The MSI's Authenticode digest with {@code algorithm} (a JDK name such as SHA-256). */
  byte[] digest(Path file, String algorithm) throws IOException, MalformedFile;
}
