package io.chainwatch.verify;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The signature finding for one file.
 *
 * @param format {@code authenticode-pe}, {@code authenticode-msi}, {@code macho}, {@code dmg}, or null when
 *     not applicable
 * @param problems why the status is not {@code valid}, one sentence each (empty when valid)
 * @param signature the decoded Authenticode signature, when it could be decoded
 * @param computedDigest the Authenticode digest computed from the file (hex), with the signature's algorithm
 * @param validAtSigningTime whether the signer's certificate was valid when signed (timestamp time, else the signing
 *     time attribute); null when no time is known
 * @param padding what else is in the certificate table
 * @param apple a macOS signature's identity
 */
public record SignatureReport(SignatureStatus status, @Nullable String format, List<String> problems,
    @Nullable DecodedSignature signature, @Nullable String computedDigest, @Nullable Boolean validAtSigningTime,
    Padding padding, @Nullable AppleSignature apple) {

  public SignatureReport {
    problems = List.copyOf(problems);
  }

  public static SignatureReport notApplicable() {
    return new SignatureReport(SignatureStatus.NOT_APPLICABLE, null, List.of(), null, null, null, Padding.NONE, null);
  }

  public static SignatureReport unsigned(String format) {
    return new SignatureReport(SignatureStatus.UNSIGNED, format, List.of(), null, null, null, Padding.NONE, null);
  }

  public static SignatureReport invalid(String format, String problem) {
    return new SignatureReport(SignatureStatus.INVALID, format, List.of(problem), null, null, null, Padding.NONE, null);
  }
}
