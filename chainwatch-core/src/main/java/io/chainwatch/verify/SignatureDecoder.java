package io.chainwatch.verify;

/** Decodes an Authenticode PKCS#7 SignedData and checks its CMS signature; implemented with a crypto library. */
public interface SignatureDecoder {
  /**
   * @param der exactly the DER bytes of the ContentInfo (padding already cut off)
   * @throws MalformedSignature when the bytes are not an Authenticode SignedData
   */
  DecodedSignature decode(byte[] der) throws MalformedSignature;
}
