package dev.ec2double.ec2.keypairs;

import static dev.ec2double.ec2.keypairs.Vectors.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each fingerprint against the value the EC2 user guide's own openssl/ssh-keygen commands give. */
class FingerprintsTest {
  @Test
  void fingerprintsACreatedRsaKeyAsSha1OfItsPkcs8Der() {
    assertThat(Fingerprints.createdRsa(Vectors.rsaKey()))
        .isEqualTo(text("rsa.created-fingerprint").strip());
  }

  @Test
  void fingerprintsAnImportedRsaKeyAsMd5OfItsPublicKeyDer() {
    SshPublicKey key = PublicKeyMaterial.parse(bytes(text("rsa.pub")));

    assertThat(Fingerprints.imported(key)).isEqualTo(text("rsa.imported-fingerprint").strip());
  }

  @Test
  void fingerprintsAnImported3072BitRsaKey() {
    SshPublicKey key = PublicKeyMaterial.parse(bytes(text("rsa3072.pub")));

    assertThat(Fingerprints.imported(key)).isEqualTo(text("rsa3072.imported-fingerprint").strip());
  }

  @Test
  void fingerprintsAnEd25519KeyAsPaddedBase64Sha256OfItsBlob() {
    SshPublicKey key = PublicKeyMaterial.parse(bytes(text("ed.pub")));
    String sshKeygen = text("ed.ssh-keygen-fingerprint").strip(); // SHA256:xxxx, unpadded

    assertThat(Fingerprints.imported(key))
        .isEqualTo(sshKeygen.substring("SHA256:".length()) + "=")
        .hasSize(44);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
