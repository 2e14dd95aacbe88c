package dev.ec2double.elbv2.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The server's own certificate authority: an EC P-256 root made on first need (ten years), kept in
 * memory and, with a state directory, in {@code DIR/tls/ca.pem} and {@code DIR/tls/ca-key.pem} so
 * that a restarted server signs with the same root. It issues the listeners' certificates (RSA
 * 2048, the key ACM gives by default, so every cipher of the security policies can serve them) and
 * the client certificates a test asks for.
 */
final class LocalCa {
  private final Path dir;
  private volatile Issued root;

  /**
   * @param dir where the root is kept across restarts; null for memory only
   */
  LocalCa(Path dir) {
    this.dir = dir;
  }

  /** The root certificate and key, made (or read back) on first call. */
  Issued root() {
    Issued r = root;
    if (r == null) {
      synchronized (this) {
        r = root;
        if (r == null) {
          r = loadOrMake();
          root = r;
        }
      }
    }
    return r;
  }

  String rootPem() {
    return Pem.write(root().chain().get(0));
  }

  /**
   * A certificate for these DNS names and IP addresses (the first DNS name is its subject's common
   * name), signed by the root; its chain is the leaf, then the root.
   */
  Issued issue(List<String> dnsNames, List<String> ipAddresses, boolean client) {
    return X509Builder.issue(root(), dnsNames, ipAddresses, client);
  }

  private Issued loadOrMake() {
    Path cert = dir == null ? null : dir.resolve("ca.pem");
    Path key = dir == null ? null : dir.resolve("ca-key.pem");
    try {
      if (cert != null && Files.exists(cert) && Files.exists(key)) {
        return new Issued(
            Pem.privateKey(Files.readString(key)),
            List.of(Pem.certificates(Files.readString(cert)).get(0)));
      }
      Issued made = X509Builder.root();
      if (dir != null) {
        Files.createDirectories(dir);
        Files.writeString(key, Pem.write(made.key()), StandardCharsets.US_ASCII);
        Files.writeString(cert, Pem.write(made.chain().get(0)), StandardCharsets.US_ASCII);
      }
      return made;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the local CA in " + dir, e);
    }
  }
}
