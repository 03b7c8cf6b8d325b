package io.chainwatch.formats.authenticode;

import io.chainwatch.verify.Countersignature;
import io.chainwatch.verify.DecodedSignature;
import io.chainwatch.verify.MalformedSignature;
import io.chainwatch.verify.SignatureDecoder;
import io.chainwatch.verify.SignerCertificate;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;
import org.bouncycastle.util.Store;
import org.jspecify.annotations.Nullable;

/**
 * Decodes an Authenticode PKCS#7 SignedData with BouncyCastle and checks its CMS signature.
 *
 * <p>Implementation notes: the encapsulated content is an {@code SpcIndirectDataContent} (1.3.6.1.4.1.311.2.1.4):
 * SEQUENCE { data, DigestInfo }. Its signed {@code messageDigest} covers the content's value octets without the outer
 * SEQUENCE tag and length, so the CMS check rebuilds the SignedData with those octets as its content (the workaround
 * of ebourg/jsign#349). {@link ASN1Primitive#fromByteArray} refuses trailing bytes, so callers pass exactly the DER
 * blob. Timestamps: RFC 3161 tokens (unsigned attribute 1.3.6.1.4.1.311.3.3.1) and legacy PKCS#9 countersignatures
 * (1.2.840.113549.1.9.6); nested signatures (1.3.6.1.4.1.311.2.4.1) are counted.
 *
 * <p>BouncyCastle reports malformed ASN.1 with unchecked exceptions (IllegalArgumentException, IllegalStateException,
 * ClassCastException); those three are caught here, where they can only mean a bad blob.
 */
public final class BouncyCastleSignatureDecoder implements SignatureDecoder {
  static final ASN1ObjectIdentifier SPC_INDIRECT_DATA = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.2.1.4");
  static final ASN1ObjectIdentifier RFC3161_TIMESTAMP = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.3.3.1");
  static final ASN1ObjectIdentifier NESTED_SIGNATURE = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.2.4.1");
  private static final Map<String, String> DIGESTS = Map.of(
      "1.3.14.3.2.26", "SHA-1",
      "2.16.840.1.101.3.4.2.1", "SHA-256",
      "2.16.840.1.101.3.4.2.2", "SHA-384",
      "2.16.840.1.101.3.4.2.3", "SHA-512",
      "1.2.840.113549.2.5", "MD5");
  private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

  @Override
  public DecodedSignature decode(byte[] der) throws MalformedSignature {
    try {
      return decodeChecked(der);
    } catch (IOException | IllegalArgumentException | IllegalStateException | ClassCastException | CMSException e) {
      throw new MalformedSignature(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    }
  }

  private DecodedSignature decodeChecked(byte[] der) throws IOException, CMSException, MalformedSignature {
    ContentInfo outer = ContentInfo.getInstance(ASN1Primitive.fromByteArray(der));
    if (!CMSObjectIdentifiers.signedData.equals(outer.getContentType())) {
      throw new MalformedSignature("the ContentInfo holds " + outer.getContentType() + ", not SignedData");
    }
    SignedData signedData = SignedData.getInstance(outer.getContent());
    ContentInfo encapsulated = signedData.getEncapContentInfo();
    if (!SPC_INDIRECT_DATA.equals(encapsulated.getContentType()) || encapsulated.getContent() == null) {
      throw new MalformedSignature("the signed content is " + encapsulated.getContentType() + ", not SpcIndirectDataContent");
    }
    ASN1Sequence indirect = ASN1Sequence.getInstance(encapsulated.getContent());
    if (indirect.size() < 2) throw new MalformedSignature("the SpcIndirectDataContent lacks its DigestInfo");
    DigestInfo digestInfo = DigestInfo.getInstance(indirect.getObjectAt(1));
    String algorithm = DIGESTS.get(digestInfo.getAlgorithmId().getAlgorithm().getId());
    if (algorithm == null) throw new MalformedSignature("the digest algorithm " + digestInfo.getAlgorithmId().getAlgorithm() + " is unknown");
    byte[] signedDigest = digestInfo.getDigest();

    byte[] encoded = indirect.getEncoded();
    byte[] valueOctets = Arrays.copyOfRange(encoded, headerLength(encoded), encoded.length);
    CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(SPC_INDIRECT_DATA, valueOctets), outer);
    Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
    if (signers.size() != 1) throw new MalformedSignature("the SignedData has " + signers.size() + " signers, not one");
    SignerInformation signer = signers.iterator().next();
    Store<X509CertificateHolder> certificates = cms.getCertificates();
    X509CertificateHolder certificate = first(certificates, signer.getSID());

    boolean verifies = false;
    String problem = null;
    if (certificate == null) {
      problem = "the signer's certificate is not in the signature";
    } else {
      try {
        verifies = signer.verify(verifier(certificate));
        if (!verifies) problem = "the signer's signature does not match its certificate";
      } catch (CMSException | OperatorCreationException | CertificateException e) {
        problem = e.getMessage();
      }
    }
    AttributeTable unsigned = signer.getUnsignedAttributes();
    int nested = 0;
    if (unsigned != null) {
      var all = unsigned.getAll(NESTED_SIGNATURE);
      for (int i = 0; i < all.size(); i++) nested += Attribute.getInstance(all.get(i)).getAttrValues().size();
    }
    return new DecodedSignature(algorithm, signedDigest, verifies, problem,
        certificate == null ? null : describe(certificate), signingTime(signer), timestamp(signer, certificates), nested);
  }

  private static @Nullable Instant signingTime(SignerInformation signer) {
    AttributeTable signed = signer.getSignedAttributes();
    if (signed == null) return null;
    Attribute a = signed.get(CMSAttributes.signingTime);
    if (a == null || a.getAttrValues().size() == 0) return null;
    return Time.getInstance(a.getAttrValues().getObjectAt(0)).getDate().toInstant();
  }

  private static @Nullable Countersignature timestamp(SignerInformation signer, Store<X509CertificateHolder> certificates) {
    AttributeTable unsigned = signer.getUnsignedAttributes();
    if (unsigned == null) return null;
    Attribute rfc3161 = unsigned.get(RFC3161_TIMESTAMP);
    if (rfc3161 != null && rfc3161.getAttrValues().size() > 0) {
      try {
        TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(rfc3161.getAttrValues().getObjectAt(0)));
        X509CertificateHolder tsa = first(token.getCertificates(), token.getSID());
        boolean verifies = false;
        if (tsa != null) {
          try {
            token.validate(verifier(tsa));
            String imprintAlgorithm = DIGESTS.get(token.getTimeStampInfo().getMessageImprintAlgOID().getId());
            verifies = imprintAlgorithm != null
                && MessageDigest.isEqual(md(imprintAlgorithm).digest(signer.getSignature()), token.getTimeStampInfo().getMessageImprintDigest());
          } catch (TSPException | OperatorCreationException | CertificateException e) {
            verifies = false;
          }
        }
        return new Countersignature("rfc3161", token.getTimeStampInfo().getGenTime().toInstant(),
            tsa == null ? null : describe(tsa).subject(), verifies);
      } catch (TSPException | IOException e) {
        return null;
      }
    }
    for (SignerInformation counter : signer.getCounterSignatures().getSigners()) {
      Instant time = signingTime(counter);
      if (time == null) continue;
      X509CertificateHolder cert = first(certificates, counter.getSID());
      boolean verifies = false;
      if (cert != null) {
        try {
          verifies = counter.verify(verifier(cert));
        } catch (CMSException | OperatorCreationException | CertificateException e) {
          verifies = false;
        }
      }
      return new Countersignature("pkcs9", time, cert == null ? null : describe(cert).subject(), verifies);
    }
    return null;
  }

  private static SignerInformationVerifier verifier(X509CertificateHolder certificate) throws OperatorCreationException, CertificateException {
    return new JcaSimpleSignerInfoVerifierBuilder().setProvider(PROVIDER).build(certificate);
  }

  @SuppressWarnings("unchecked")
  private static @Nullable X509CertificateHolder first(Store<X509CertificateHolder> store, Selector<?> selector) {
    Collection<X509CertificateHolder> matches = store.getMatches((Selector<X509CertificateHolder>) selector);
    return matches.isEmpty() ? null : matches.iterator().next();
  }

  static SignerCertificate describe(X509CertificateHolder holder) {
    try {
      X509Certificate c = new JcaX509CertificateConverter().setProvider(PROVIDER).getCertificate(holder);
      return new SignerCertificate(
          c.getSubjectX500Principal().getName(X500Principal.RFC2253),
          c.getIssuerX500Principal().getName(X500Principal.RFC2253),
          holder.getSerialNumber().toString(16).toUpperCase(Locale.ROOT),
          HexFormat.of().formatHex(md("SHA-1").digest(holder.getEncoded())),
          holder.getNotBefore().toInstant(),
          holder.getNotAfter().toInstant());
    } catch (CertificateException | IOException e) {
      throw new IllegalArgumentException("the signer's certificate cannot be read: " + e.getMessage(), e);
    }
  }

  /** The length of a DER tag and length header. */
  private static int headerLength(byte[] encoded) {
    int first = encoded[1] & 0xFF;
    return first < 0x80 ? 2 : 2 + (first & 0x7F);
  }

  private static MessageDigest md(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + name, e);
    }
  }
}
