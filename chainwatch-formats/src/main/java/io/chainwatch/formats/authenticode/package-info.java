/**
 * The cryptographic side of Authenticode for core's verification: PKCS#7 SignedData decoding and CMS signature checks
 * with BouncyCastle, and MSI signatures and digests with jsign-core (which reads compound files with Apache POI).
 */
@NullMarked
package io.chainwatch.formats.authenticode;

import org.jspecify.annotations.NullMarked;
