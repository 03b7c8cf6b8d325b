/**
 * Verification of installers and binaries: digests, Authenticode structure and digest, macOS code-signature presence,
 * and the verdict from indicators and the release ledger. The cryptography of PKCS#7 and the MSI container live behind
 * ports ({@link io.chainwatch.verify.SignatureDecoder}, {@link io.chainwatch.verify.MsiReader}) implemented in the
 * formats module, so this package needs only the JDK.
 */
@NullMarked
package io.chainwatch.verify;

import org.jspecify.annotations.NullMarked;
