package io.chainwatch.formats.authenticode;

import io.chainwatch.verify.MalformedFile;
import io.chainwatch.verify.MsiReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import net.jsign.DigestAlgorithm;
import net.jsign.msi.MSIFile;
import org.apache.poi.util.RecordFormatException;
import org.bouncycastle.cms.CMSSignedData;
import org.jspecify.annotations.Nullable;

/**
 * MSI signatures and digests through jsign-core's {@link MSIFile}, opened read-only. Apache POI, underneath, reports a
 * damaged compound file with unchecked exceptions; those it documents are caught and turned into {@link MalformedFile}.
 */
public final class JsignMsiReader implements MsiReader {
  @Override
  public byte @Nullable [] signature(Path file) throws IOException, MalformedFile {
    try (MSIFile msi = open(file)) {
      List<CMSSignedData> signatures = msi.getSignatures();
      if (signatures.isEmpty()) return null;
      return signatures.get(0).toASN1Structure().getEncoded("DER");
    } catch (RecordFormatException | IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
      throw new MalformedFile("the MSI's compound file is damaged: " + e.getMessage());
    }
  }

  @Override
  public byte[] digest(Path file, String algorithm) throws IOException, MalformedFile {
    try (MSIFile msi = open(file)) {
      return msi.computeDigest(DigestAlgorithm.of(algorithm.replace("-", "")));
    } catch (RecordFormatException | IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
      throw new MalformedFile("the MSI's compound file is damaged: " + e.getMessage());
    }
  }

  private static MSIFile open(Path file) throws IOException {
    return new MSIFile(Files.newByteChannel(file, StandardOpenOption.READ));
  }
}
