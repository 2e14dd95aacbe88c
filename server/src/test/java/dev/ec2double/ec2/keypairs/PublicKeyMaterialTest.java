package dev.ec2double.ec2.keypairs;

import static dev.ec2double.ec2.keypairs.Vectors.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.KeyType;

/** ImportKeyPair's three accepted formats, and what it refuses. */
class PublicKeyMaterialTest {
  private static final SshPublicKey RSA = parse(text("rsa.pub"));
  private static final SshPublicKey ED25519 = parse(text("ed.pub"));

  @Test
  void readsOpenSshLines() {
    assertThat(RSA.type()).isEqualTo(KeyType.RSA);
    assertThat(ED25519.type()).isEqualTo(KeyType.ED25519);
    assertThat(RSA.openSsh("vec-rsa")).isEqualTo(text("rsa.pub").strip());
    assertThat(ED25519.openSsh("vec-ed")).isEqualTo(text("ed.pub").strip());
  }

  @Test
  void readsRfc4716Ssh2Files() {
    assertThat(parse(text("rsa.pub.rfc4716"))).isEqualTo(RSA);
    assertThat(parse(text("ed.pub.rfc4716"))).isEqualTo(ED25519);
  }

  @Test
  void readsRfc4716HeadersContinuedOnTheNextLine() {
    String body = RSA.openSsh(null).split(" ")[1];
    String file =
        "---- BEGIN SSH2 PUBLIC KEY ----\r\nSubject: me\r\nComment: \"a long \\\r\ncomment\"\r\n"
            + body.substring(0, 70)
            + "\r\n"
            + body.substring(70)
            + "\r\n---- END SSH2 PUBLIC KEY ----\r\n";

    assertThat(parse(file)).isEqualTo(RSA);
  }

  @Test
  void readsBase64DerSubjectPublicKeyInfo() {
    assertThat(parse(text("rsa.pub.der.b64"))).isEqualTo(RSA);
  }

  @Test
  void readsBase64DerPkcs1RsaPublicKey() {
    RSAPrivateCrtKey k = Vectors.rsaKey();
    byte[] pkcs1 = Der.sequence(Der.integer(k.getModulus()), Der.integer(k.getPublicExponent()));

    assertThat(parse(Base64.getEncoder().encodeToString(pkcs1))).isEqualTo(RSA);
  }

  @Test
  void refusesWhatIsNotAnRsaOrEd25519PublicKey() {
    String blob = RSA.openSsh(null).split(" ")[1];
    for (String bad :
        new String[] {
          "",
          "hello world",
          "ssh-dss " + blob,
          "ssh-ed25519 " + blob, // the type names a different key than the blob holds
          "ssh-rsa " + blob.substring(0, 40),
          "ssh-rsa !!!!",
          "---- BEGIN SSH2 PUBLIC KEY ----\n" + blob,
          text("rsa.pk8.pem"),
        }) {
      assertThatThrownBy(() -> parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              AwsException.class,
              e -> {
                assertThat(e.code()).isEqualTo("InvalidKey.Format");
                assertThat(e.getMessage())
                    .isEqualTo("Key is not in valid OpenSSH public key format");
              });
    }
  }

  @Test
  void refusesRsaKeysOutsideTheSizesEc2Takes() {
    BigInteger e = BigInteger.valueOf(65537);
    for (int bits : new int[] {512, 1023, 4097, 8192}) {
      BigInteger n = BigInteger.ONE.shiftLeft(bits - 1).add(BigInteger.ONE);
      String line = SshPublicKey.rsa(e, n).openSsh(null);

      assertThatThrownBy(() -> parse(line)).as("%d bits", bits).isInstanceOf(AwsException.class);
    }
    for (int bits : new int[] {1024, 2048, 3072, 4096}) {
      BigInteger n = BigInteger.ONE.shiftLeft(bits - 1).add(BigInteger.ONE);

      assertThat(parse(SshPublicKey.rsa(e, n).openSsh(null)).type()).isEqualTo(KeyType.RSA);
    }
  }

  private static SshPublicKey parse(String s) {
    return PublicKeyMaterial.parse(s.getBytes(StandardCharsets.UTF_8));
  }
}
