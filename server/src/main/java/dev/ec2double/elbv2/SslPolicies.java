package dev.ec2double.elbv2;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Cipher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SslPolicy;

/**
 * AWS's predefined security policies
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html),
 * read once from {@code ssl-policies.txt}: their protocols and their ciphers in priority order.
 * Every one of them serves application and network load balancers alike.
 */
public final class SslPolicies {
  /**
   * What a listener gets when CreateListener names no policy (the API's default, not the
   * console's).
   */
  public static final String DEFAULT = "ELBSecurityPolicy-2016-08";

  private static final List<SslPolicy> ALL = load();

  private SslPolicies() {}

  public static List<SslPolicy> all() {
    return ALL;
  }

  public static Optional<SslPolicy> named(String name) {
    return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  private static List<SslPolicy> load() {
    List<SslPolicy> out = new ArrayList<>();
    try (InputStream in =
            SslPolicies.class.getResourceAsStream("/dev/ec2double/elbv2/ssl-policies.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.trim().split(" ");
        List<String> ciphers = Arrays.asList(f[2].split(","));
        List<Cipher> cs = new ArrayList<>();
        for (int i = 0; i < ciphers.size(); i++) {
          cs.add(Cipher.builder().name(ciphers.get(i)).priority(i + 1).build());
        }
        out.add(
            SslPolicy.builder()
                .name(f[0])
                .sslProtocols(f[1].split(","))
                .ciphers(cs)
                .supportedLoadBalancerTypes("application", "network")
                .build());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(out);
  }
}
