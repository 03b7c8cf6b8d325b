package io.chainwatch.verify;

import java.time.Instant;

/**
 * A signing certificate as reported.
 *
 * @param subject the subject distinguished name, e.g. {@code CN=3CX Ltd,O=3CX Ltd,C=GB}
 * @param serial the serial number, upper-case hex
 * @param thumbprint SHA-1 of the DER certificate, lower-case hex (releases.csv's {@code signer_thumbprint})
 */
public record SignerCertificate(String subject, String issuer, String serial, String thumbprint, Instant notBefore,
    Instant notAfter) {

  public boolean validAt(Instant t) {
    return !t.isBefore(notBefore) && !t.isAfter(notAfter);
  }
}
