package dev.ec2double.ec2.keypairs;

import static dev.ec2double.ec2.keypairs.Vectors.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPrivateKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.KeyFormat;
import software.amazon.awssdk.services.ec2.model.KeyType;

/**
 * The private key encodings byte for byte against what OpenSSL, OpenSSH and PuTTY write for the
 * same key, and freshly generated keys read back and used with the JDK.
 */
class PrivateKeyFormatsTest {
  private static final byte[] MESSAGE = "ec2-double".getBytes(StandardCharsets.UTF_8);

  @Test
  void writesRsaAsTheSamePkcs1PemOpenSslWrites() {
    assertThat(Pkcs1Pem.pem(Vectors.rsaKey())).isEqualTo(text("rsa").strip());
  }

  @Test
  void writesEd25519AsTheSameOpenSshKeySshKeygenWrites() {
    String original = text("ed");
    Vectors.OpenSshEd25519 k = Vectors.readOpenSsh(original);

    String written = OpenSshPrivateKey.ed25519(k.seed(), k.publicKey(), k.comment(), k.checkInt());

    assertThat(written).isEqualTo(original.strip());
  }

  @Test
  void writesRsaAsTheSamePpkPuttygenWrites() {
    assertThat(PuttyKeyFile.rsa(Vectors.rsaKey(), "vec-rsa")).isEqualTo(text("rsa.ppk"));
  }

  @Test
  void writesEd25519AsTheSamePpkPuttygenWrites() {
    Vectors.OpenSshEd25519 k = Vectors.readOpenSsh(text("ed"));

    assertThat(PuttyKeyFile.ed25519(k.seed(), k.publicKey(), "vec-ed")).isEqualTo(text("ed.ppk"));
  }

  @Test
  void computesThePpkMacPuttygenComputes() {
    Ppk ppk = Ppk.parse(text("ed.ppk"));

    assertThat(PuttyKeyFile.mac("ssh-ed25519", "vec-ed", ppk.publicBlob, ppk.privateBlob))
        .isEqualTo(ppk.mac);
    assertThat(PuttyKeyFile.mac("ssh-ed25519", "vec-ed2", ppk.publicBlob, ppk.privateBlob))
        .isNotEqualTo(ppk.mac);
  }

  @Test
  void generatesAnRsaPemTheJdkCanSignWith() throws Exception {
    GeneratedKey key = GeneratedKey.generate(KeyType.RSA, KeyFormat.PEM, "k");

    assertThat(key.material()).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
    List<BigInteger> ints = pkcs1Integers(Vectors.pemBody(key.material()));
    PrivateKey priv =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new RSAPrivateKeySpec(ints.get(1), ints.get(3)));
    assertThat(ints.get(1).bitLength()).isEqualTo(2048);
    assertVerifies("SHA256withRSA", priv, key.publicKey().rsaKey());
    assertThat(key.fingerprint()).matches("([0-9a-f]{2}:){19}[0-9a-f]{2}");
  }

  @Test
  void generatesAnEd25519OpenSshKeyTheJdkCanSignWith() throws Exception {
    GeneratedKey key = GeneratedKey.generate(KeyType.ED25519, KeyFormat.PEM, "k");

    Vectors.OpenSshEd25519 read = Vectors.readOpenSsh(key.material());
    PrivateKey priv =
        KeyFactory.getInstance("Ed25519")
            .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, read.seed()));
    assertThat(key.material()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n");
    assertThat(SshPublicKey.ed25519(read.publicKey())).isEqualTo(key.publicKey());
    assertVerifies("Ed25519", priv, ed25519Public(read.publicKey()));
    assertThat(key.fingerprint()).isEqualTo(Fingerprints.ed25519(key.publicKey()));
  }

  @Test
  void generatesPpkFilesWhoseMacAndPublicKeyHold() {
    for (KeyType type : List.of(KeyType.RSA, KeyType.ED25519)) {
      GeneratedKey key = GeneratedKey.generate(type, KeyFormat.PPK, "my key");

      Ppk ppk = Ppk.parse(key.material());
      assertThat(ppk.header).isEqualTo("PuTTY-User-Key-File-2: " + key.publicKey().algorithm());
      assertThat(ppk.publicBlob).isEqualTo(key.publicKey().blob());
      assertThat(
              PuttyKeyFile.mac(
                  key.publicKey().algorithm(), "my key", ppk.publicBlob, ppk.privateBlob))
          .isEqualTo(ppk.mac);
    }
  }

  private static void assertVerifies(String alg, PrivateKey priv, PublicKey pub) throws Exception {
    Signature signer = Signature.getInstance(alg);
    signer.initSign(priv);
    signer.update(MESSAGE);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(alg);
    verifier.initVerify(pub);
    verifier.update(MESSAGE);
    assertThat(verifier.verify(signature)).isTrue();
  }

  private static PublicKey ed25519Public(byte[] raw) throws Exception {
    byte[] x509 = HexFormat.of().parseHex("302a300506032b6570032100");
    byte[] der = Arrays.copyOf(x509, x509.length + raw.length);
    System.arraycopy(raw, 0, der, x509.length, raw.length);
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new java.security.spec.X509EncodedKeySpec(der));
  }

  /** The INTEGERs of a DER SEQUENCE (a PKCS#1 RSAPrivateKey), read without the code under test. */
  private static List<BigInteger> pkcs1Integers(byte[] der) {
    java.util.ArrayList<BigInteger> out = new java.util.ArrayList<>();
    int[] pos = {0};
    assertThat(der[pos[0]++]).isEqualTo((byte) 0x30);
    length(der, pos);
    while (pos[0] < der.length) {
      assertThat(der[pos[0]++]).isEqualTo((byte) 0x02);
      int len = length(der, pos);
      out.add(new BigInteger(Arrays.copyOfRange(der, pos[0], pos[0] + len)));
      pos[0] += len;
    }
    return out;
  }

  private static int length(byte[] der, int[] pos) {
    int first = der[pos[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int len = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      len = len << 8 | (der[pos[0]++] & 0xff);
    }
    return len;
  }

  /** A PuTTY key file's parts. */
  private record Ppk(String header, byte[] publicBlob, byte[] privateBlob, String mac) {
    static Ppk parse(String text) {
      List<String> lines = text.lines().toList();
      int pub = Integer.parseInt(value(lines.get(3)));
      byte[] publicBlob = b64(lines.subList(4, 4 + pub));
      int privAt = 4 + pub;
      int priv = Integer.parseInt(value(lines.get(privAt)));
      byte[] privateBlob = b64(lines.subList(privAt + 1, privAt + 1 + priv));
      return new Ppk(lines.get(0), publicBlob, privateBlob, value(lines.get(privAt + 1 + priv)));
    }

    private static String value(String line) {
      return line.substring(line.indexOf(": ") + 2);
    }

    private static byte[] b64(List<String> lines) {
      return Base64.getDecoder().decode(String.join("", lines));
    }
  }
}
