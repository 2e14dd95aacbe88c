package dev.ec2double.elbv2.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The certificates HTTPS listeners serve, by ARN, and the CA bundles trust stores name.
 *
 * <p>A certificate ARN registered here (imported as PEM, or issued by the {@link LocalCa} for names
 * a test chose) is served as it is. Any other ACM or IAM certificate ARN names a certificate the
 * local CA issues on first need for the load balancer a listener belongs to: its DNS name and the
 * address its listeners accept on. Registered certificates and bundles are kept, with a state
 * directory, under {@code DIR/tls/} next to the CA.
 */
public final class Certificates {
  private static final Pattern IP = Pattern.compile("[0-9.]+|.*:.*");

  private final LocalCa ca;
  private final Path dir;
  private final Map<String, Issued> registered = new ConcurrentHashMap<>();
  private final Map<String, List<X509Certificate>> bundles = new ConcurrentHashMap<>();
  private final Map<String, Issued> forLoadBalancers = new ConcurrentHashMap<>();
  private volatile boolean loaded;

  /**
   * @param dir where the CA, the registered certificates and bundles are kept; null for memory only
   */
  public Certificates(Path dir) {
    this.dir = dir;
    this.ca = new LocalCa(dir);
  }

  /** The local CA's root certificate as PEM: what a test trusts. */
  public String caPem() {
    return ca.rootPem();
  }

  public X509Certificate caCertificate() {
    return ca.root().leaf();
  }

  /**
   * A certificate issued by the local CA for these names (DNS names or IP addresses), registered
   * under a new ACM ARN of this account and region.
   *
   * @param client a client certificate (for mutual TLS) rather than a server one
   */
  public Registered issue(String account, String region, List<String> names, boolean client) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a certificate needs at least one name");
    }
    List<String> dns = names.stream().filter(n -> !IP.matcher(n).matches()).toList();
    List<String> ips = names.stream().filter(n -> IP.matcher(n).matches()).toList();
    return register(arn(account, region), ca.issue(dns, ips, client));
  }

  /**
   * A certificate the user brings (as ACM's ImportCertificate takes it), registered under a new ACM
   * ARN; an IllegalArgumentException says what is wrong with it.
   */
  public Registered importPem(
      String account, String region, String certificatePem, String keyPem, String chainPem) {
    List<X509Certificate> chain = new ArrayList<>(Pem.certificates(certificatePem));
    if (chainPem != null && !chainPem.isBlank()) {
      chain.addAll(Pem.certificates(chainPem));
    }
    PrivateKey key = Pem.privateKey(keyPem);
    if (!matches(key, chain.get(0).getPublicKey())) {
      throw new IllegalArgumentException("the private key does not belong to the certificate");
    }
    return register(arn(account, region), new Issued(key, List.copyOf(chain)));
  }

  /** A registered certificate and the ARN it is known by. */
  public record Registered(String arn, Issued issued) {}

  public Optional<Issued> registered(String arn) {
    load();
    return Optional.ofNullable(registered.get(arn));
  }

  /**
   * What a listener of the load balancer with this DNS name, accepting on {@code address}, serves
   * for a certificate ARN.
   */
  public Issued forListener(String arn, String dnsName, String address) {
    return registered(arn)
        .orElseGet(
            () ->
                forLoadBalancers.computeIfAbsent(
                    arn + " " + dnsName + " " + address,
                    k ->
                        ca.issue(
                            List.of(dnsName),
                            address == null || address.startsWith("0.")
                                ? List.of()
                                : List.of(address),
                            false)));
  }

  /** The CA certificates of the S3 object {@code s3://bucket/key}, as a trust store reads it. */
  public void putBundle(String bucket, String key, String pem) {
    load();
    List<X509Certificate> certs = Pem.certificates(pem);
    bundles.put(bucket + "/" + key, certs);
    save("bundles", bucket + "/" + key, "# s3://" + bucket + "/" + key + "\n" + pem);
  }

  /** The bundle given for {@code s3://bucket/key}; empty when none was. */
  public Optional<List<X509Certificate>> bundle(String bucket, String key) {
    load();
    return Optional.ofNullable(bundles.get(bucket + "/" + key));
  }

  /** Forgets every registered certificate and bundle (a reset); the CA stays. */
  public void reset() {
    registered.clear();
    bundles.clear();
    forLoadBalancers.clear();
    if (dir != null) {
      for (String kind : List.of("certificates", "bundles")) {
        try (Stream<Path> files = Files.list(dir.resolve(kind))) {
          files.forEach(f -> f.toFile().delete());
        } catch (IOException e) {
          // nothing saved of that kind
        }
      }
    }
  }

  private Registered register(String arn, Issued issued) {
    load();
    registered.put(arn, issued);
    save(
        "certificates",
        arn,
        "# " + arn + "\n" + issued.privateKeyPem() + Pem.write(issued.chain().toArray()));
    return new Registered(arn, issued);
  }

  private static String arn(String account, String region) {
    return "arn:aws:acm:" + region + ":" + account + ":certificate/" + UUID.randomUUID();
  }

  private static boolean matches(PrivateKey key, PublicKey pub) {
    String alg =
        key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
    try {
      byte[] probe = "ec2-double".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance(alg);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(alg);
      v.initVerify(pub);
      v.update(probe);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private void save(String kind, String name, String text) {
    if (dir == null) {
      return;
    }
    try {
      Path d = dir.resolve(kind);
      Files.createDirectories(d);
      Files.writeString(
          d.resolve(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)) + ".pem"),
          text,
          StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep a certificate in " + dir, e);
    }
  }

  /** Reads back what a previous run saved, once. */
  private void load() {
    if (loaded || dir == null) {
      return;
    }
    synchronized (this) {
      if (loaded) {
        return;
      }
      loaded = true;
      read(
          "certificates",
          (name, text) -> {
            List<X509Certificate> chain = Pem.certificates(text);
            registered.putIfAbsent(name, new Issued(Pem.privateKey(text), chain));
          });
      read(
          "bundles",
          (name, text) ->
              bundles.putIfAbsent(name.substring("s3://".length()), Pem.certificates(text)));
    }
  }

  private void read(String kind, java.util.function.BiConsumer<String, String> take) {
    try (Stream<Path> files = Files.list(dir.resolve(kind))) {
      for (Path f : files.toList()) {
        String text = Files.readString(f);
        String first = text.lines().findFirst().orElse("");
        if (first.startsWith("# ")) {
          take.accept(first.substring(2).trim(), text);
        }
      }
    } catch (IOException e) {
      // nothing saved of that kind yet
    }
  }
}
