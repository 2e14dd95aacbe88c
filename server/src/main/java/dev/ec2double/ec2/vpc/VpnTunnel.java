package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;
import dev.ec2double.errors.AwsException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ModifyVpnTunnelOptionsSpecification;
import software.amazon.awssdk.services.ec2.model.TunnelOption;

/**
 * One of a VPN connection's two tunnels: its outside address, inside CIDR, pre-shared key and IKE
 * options, with the bounds AWS puts on each.
 * https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
 */
final class VpnTunnel implements java.io.Serializable {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The /30s of 169.254.0.0/16 that AWS reserves. */
  private static final Set<String> RESERVED =
      Set.of(
          "169.254.0.0/30",
          "169.254.1.0/30",
          "169.254.2.0/30",
          "169.254.3.0/30",
          "169.254.4.0/30",
          "169.254.5.0/30",
          "169.254.169.252/30");

  private static final List<String> ENCRYPTION =
      List.of("AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16");
  private static final List<String> INTEGRITY = List.of("SHA1", "SHA2-256", "SHA2-384", "SHA2-512");
  private static final List<String> PHASE1_DH =
      List.of("2", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24");
  private static final List<String> PHASE2_DH =
      List.of("2", "5", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24");

  final String outsideIp;
  String insideCidr;
  String insideIpv6Cidr;
  String preSharedKey;
  int phase1Lifetime = 28800;
  int phase2Lifetime = 3600;
  int rekeyMargin = 270;
  int rekeyFuzz = 100;
  int replayWindow = 1024;
  int dpdTimeout = 30;
  String dpdTimeoutAction = "clear";
  String startupAction = "add";
  boolean lifecycleControl;
  final List<String> phase1Encryption = new ArrayList<>();
  final List<String> phase2Encryption = new ArrayList<>();
  final List<String> phase1Integrity = new ArrayList<>();
  final List<String> phase2Integrity = new ArrayList<>();
  final List<Integer> phase1DhGroups = new ArrayList<>();
  final List<Integer> phase2DhGroups = new ArrayList<>();
  final List<String> ikeVersions = new ArrayList<>();

  /** When the tunnel was last replaced (ReplaceVpnTunnel), or null. */
  Instant lastReplaced;

  VpnTunnel(String outsideIp, String insideCidr) {
    this.outsideIp = outsideIp;
    this.insideCidr = insideCidr;
    this.preSharedKey = randomKey();
  }

  /** A free /30 of 169.254.0.0/16, not one of the reserved ones, not one of {@code taken}. */
  static String freeInsideCidr(Set<String> taken) {
    while (true) {
      String c = "169.254." + RANDOM.nextInt(256) + "." + (RANDOM.nextInt(64) * 4) + "/30";
      if (!RESERVED.contains(c) && !taken.contains(c)) {
        return c;
      }
    }
  }

  private static String randomKey() {
    String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.";
    StringBuilder b = new StringBuilder("k");
    for (int i = 0; i < 31; i++) {
      b.append(chars.charAt(RANDOM.nextInt(chars.length())));
    }
    return b.toString();
  }

  static String checkInsideCidr(String text) {
    Cidr c = Cidr.parseOrNull(text);
    if (c == null
        || c.prefix() != 30
        || !Cidr.parseOrNull("169.254.0.0/16").contains(c)
        || RESERVED.contains(c.toString())) {
      throw AwsException.invalidParameterValue(
          "The tunnel inside CIDR "
              + text
              + " is invalid: it must be a /30 in 169.254.0.0/16, not one of "
              + RESERVED);
    }
    return c.toString();
  }

  static String checkInsideIpv6Cidr(String text) {
    Ipv6Blocks.Block b = Ipv6Blocks.parseOrNull(text);
    if (b == null || !text.toLowerCase().startsWith("fd") || !text.endsWith("/126")) {
      throw AwsException.invalidParameterValue(
          "The tunnel inside IPv6 CIDR " + text + " is invalid: it must be a /126 in fd00::/8.");
    }
    return text;
  }

  /** 8 to 64 letters, digits, periods and underscores, not starting with zero. */
  static String checkPreSharedKey(String key) {
    if (!key.matches("[A-Za-z0-9_.]{8,64}") || key.startsWith("0")) {
      throw AwsException.invalidParameterValue(
          "The pre-shared key is invalid: 8-64 characters of letters, digits, periods and"
              + " underscores, not starting with zero.");
    }
    return key;
  }

  /** Applies what the spec sets, all of it checked first, so a refused change changes nothing. */
  void modify(ModifyVpnTunnelOptionsSpecification s) {
    String inside = s.tunnelInsideCidr() == null ? null : checkInsideCidr(s.tunnelInsideCidr());
    String inside6 =
        s.tunnelInsideIpv6Cidr() == null ? null : checkInsideIpv6Cidr(s.tunnelInsideIpv6Cidr());
    String key = s.preSharedKey() == null ? null : checkPreSharedKey(s.preSharedKey());
    int p1 =
        bounded(s.phase1LifetimeSeconds(), phase1Lifetime, 900, 28800, "Phase1LifetimeSeconds");
    int p2 = bounded(s.phase2LifetimeSeconds(), phase2Lifetime, 900, 3600, "Phase2LifetimeSeconds");
    if (p2 > p1) {
      throw AwsException.invalidParameterValue(
          "Phase2LifetimeSeconds (" + p2 + ") must be less than Phase1LifetimeSeconds.");
    }
    int margin =
        bounded(s.rekeyMarginTimeSeconds(), rekeyMargin, 60, p2 / 2, "RekeyMarginTimeSeconds");
    int fuzz = bounded(s.rekeyFuzzPercentage(), rekeyFuzz, 0, 100, "RekeyFuzzPercentage");
    int window = bounded(s.replayWindowSize(), replayWindow, 64, 2048, "ReplayWindowSize");
    int dpd =
        bounded(s.dpdTimeoutSeconds(), dpdTimeout, 30, Integer.MAX_VALUE, "DPDTimeoutSeconds");
    String dpdAction =
        oneOf(
            s.dpdTimeoutAction(), dpdTimeoutAction, "DPDTimeoutAction", "clear", "none", "restart");
    String startup = oneOf(s.startupAction(), startupAction, "StartupAction", "add", "start");
    List<String> p1e =
        values(
            s.phase1EncryptionAlgorithms().stream().map(v -> v.value()).toList(),
            "Phase1EncryptionAlgorithms",
            ENCRYPTION);
    List<String> p2e =
        values(
            s.phase2EncryptionAlgorithms().stream().map(v -> v.value()).toList(),
            "Phase2EncryptionAlgorithms",
            ENCRYPTION);
    List<String> p1i =
        values(
            s.phase1IntegrityAlgorithms().stream().map(v -> v.value()).toList(),
            "Phase1IntegrityAlgorithms",
            INTEGRITY);
    List<String> p2i =
        values(
            s.phase2IntegrityAlgorithms().stream().map(v -> v.value()).toList(),
            "Phase2IntegrityAlgorithms",
            INTEGRITY);
    List<String> p1d =
        values(
            s.phase1DHGroupNumbers().stream().map(v -> String.valueOf(v.value())).toList(),
            "Phase1DHGroupNumbers",
            PHASE1_DH);
    List<String> p2d =
        values(
            s.phase2DHGroupNumbers().stream().map(v -> String.valueOf(v.value())).toList(),
            "Phase2DHGroupNumbers",
            PHASE2_DH);
    List<String> ike =
        values(
            s.ikeVersions().stream().map(v -> v.value()).toList(),
            "IKEVersions",
            List.of("ikev1", "ikev2"));
    insideCidr = inside == null ? insideCidr : inside;
    insideIpv6Cidr = inside6 == null ? insideIpv6Cidr : inside6;
    preSharedKey = key == null ? preSharedKey : key;
    phase1Lifetime = p1;
    phase2Lifetime = p2;
    rekeyMargin = margin;
    rekeyFuzz = fuzz;
    replayWindow = window;
    dpdTimeout = dpd;
    dpdTimeoutAction = dpdAction;
    startupAction = startup;
    replace(phase1Encryption, p1e);
    replace(phase2Encryption, p2e);
    replace(phase1Integrity, p1i);
    replace(phase2Integrity, p2i);
    replaceInts(phase1DhGroups, p1d);
    replaceInts(phase2DhGroups, p2d);
    replace(ikeVersions, ike);
    if (s.enableTunnelLifecycleControl() != null) {
      lifecycleControl = s.enableTunnelLifecycleControl();
    }
  }

  private static void replace(List<String> into, List<String> given) {
    if (!given.isEmpty()) {
      into.clear();
      into.addAll(given);
    }
  }

  private static void replaceInts(List<Integer> into, List<String> given) {
    if (!given.isEmpty()) {
      into.clear();
      given.forEach(g -> into.add(Integer.valueOf(g)));
    }
  }

  private static int bounded(Integer value, int current, int min, int max, String name) {
    if (value == null) {
      return current;
    }
    if (value < min || value > max) {
      throw AwsException.invalidParameterValue(
          "The value "
              + value
              + " for "
              + name
              + " is invalid: it must be "
              + min
              + "-"
              + max
              + ".");
    }
    return value;
  }

  private static String oneOf(String value, String current, String name, String... allowed) {
    if (value == null) {
      return current;
    }
    if (!List.of(allowed).contains(value)) {
      throw AwsException.invalidParameterValue(
          "The value " + value + " for " + name + " is invalid. Valid values: " + List.of(allowed));
    }
    return value;
  }

  private static List<String> values(List<String> given, String name, List<String> allowed) {
    for (String v : given) {
      oneOf(v, null, name, allowed.toArray(String[]::new));
    }
    return given;
  }

  TunnelOption view(boolean showKey) {
    return TunnelOption.builder()
        .outsideIpAddress(outsideIp)
        .tunnelInsideCidr(insideCidr)
        .tunnelInsideIpv6Cidr(insideIpv6Cidr)
        .preSharedKey(showKey ? preSharedKey : null)
        .phase1LifetimeSeconds(phase1Lifetime)
        .phase2LifetimeSeconds(phase2Lifetime)
        .rekeyMarginTimeSeconds(rekeyMargin)
        .rekeyFuzzPercentage(rekeyFuzz)
        .replayWindowSize(replayWindow)
        .dpdTimeoutSeconds(dpdTimeout)
        .dpdTimeoutAction(dpdTimeoutAction)
        .startupAction(startupAction)
        .enableTunnelLifecycleControl(lifecycleControl)
        .phase1EncryptionAlgorithms(
            phase1Encryption.stream()
                .map(
                    v ->
                        software.amazon.awssdk.services.ec2.model
                            .Phase1EncryptionAlgorithmsListValue.builder()
                            .value(v)
                            .build())
                .toList())
        .phase2EncryptionAlgorithms(
            phase2Encryption.stream()
                .map(
                    v ->
                        software.amazon.awssdk.services.ec2.model
                            .Phase2EncryptionAlgorithmsListValue.builder()
                            .value(v)
                            .build())
                .toList())
        .phase1IntegrityAlgorithms(
            phase1Integrity.stream()
                .map(
                    v ->
                        software.amazon.awssdk.services.ec2.model.Phase1IntegrityAlgorithmsListValue
                            .builder()
                            .value(v)
                            .build())
                .toList())
        .phase2IntegrityAlgorithms(
            phase2Integrity.stream()
                .map(
                    v ->
                        software.amazon.awssdk.services.ec2.model.Phase2IntegrityAlgorithmsListValue
                            .builder()
                            .value(v)
                            .build())
                .toList())
        .phase1DHGroupNumbers(
            phase1DhGroups.stream()
                .map(
                    v ->
                        software.amazon.awssdk.services.ec2.model.Phase1DHGroupNumbersListValue
                            .builder()
                            .value(v)
                            .build())
                .toList())
        .phase2DHGroupNumbers(
            phase2DhGroups.stream()
                .map(
                    v ->
                        software.amazon.awssdk.services.ec2.model.Phase2DHGroupNumbersListValue
                            .builder()
                            .value(v)
                            .build())
                .toList())
        .ikeVersions(
            ikeVersions.stream()
                .map(
                    v ->
                        software.amazon.awssdk.services.ec2.model.IKEVersionsListValue.builder()
                            .value(v)
                            .build())
                .toList())
        .build();
  }

  /** The first value a tunnel allows of a list, or AWS's default when it allows every one. */
  static <T> T first(List<T> values, T otherwise) {
    return values.isEmpty() ? otherwise : values.get(0);
  }
}
