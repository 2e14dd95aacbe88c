package dev.ec2double.ec2.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

class WindowsPasswordsTest {
  @Test
  void thePasswordDecryptsWithThePrivateKeyOfTheKeyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair pair = g.generateKeyPair();
    String encrypted = WindowsPasswords.encrypted(openSsh((RSAPublicKey) pair.getPublic()));
    Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
    cipher.init(Cipher.DECRYPT_MODE, pair.getPrivate());
    String password =
        new String(cipher.doFinal(Base64.getDecoder().decode(encrypted)), StandardCharsets.UTF_8);
    assertThat(password).hasSize(32).matches(".*[A-Z].*").matches(".*[a-z].*");
    assertThat(password).matches(".*[!@$%&*()\\-=+?].*");
  }

  @Test
  void aKeyThatIsNotRsaGivesNoPassword() {
    assertThat(WindowsPasswords.encrypted("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG3 key")).isNull();
    assertThat(WindowsPasswords.encrypted("ssh-rsa !!notbase64")).isNull();
  }

  private static String openSsh(RSAPublicKey key) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    for (byte[] field :
        new byte[][] {
          "ssh-rsa".getBytes(StandardCharsets.US_ASCII),
          key.getPublicExponent().toByteArray(),
          key.getModulus().toByteArray()
        }) {
      out.writeInt(field.length);
      out.write(field);
    }
    return "ssh-rsa " + Base64.getEncoder().encodeToString(b.toByteArray()) + " test";
  }
}
