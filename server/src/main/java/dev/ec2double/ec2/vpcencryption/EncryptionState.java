package dev.ec2double.ec2.vpcencryption;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/** VPC encryption controls of one account in one region, and its account-wide setting. */
final class EncryptionState implements java.io.Serializable {
  /**
   * The kinds of traffic a control can exclude, by the stems of their parameter and member names
   * ({@code InternetGateway}, Modify's {@code InternetGatewayExclusion}).
   */
  static final List<String> STEMS =
      List.of(
          "InternetGateway",
          "EgressOnlyInternetGateway",
          "NatGateway",
          "VirtualPrivateGateway",
          "VpcPeering",
          "Lambda",
          "VpcLattice",
          "ElasticFileSystem");

  /** A stem as the kind's name: {@code InternetGateway} is {@code internet-gateway}. */
  static String kindOf(String stem) {
    String s = stem.endsWith("Exclusion") ? stem.substring(0, stem.length() - 9) : stem;
    return s.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The enable/disable values a Modify request gives, by kind: its members named by the stems and
   * the suffix ({@code Exclusion} for a VPC's control, none for the account's).
   */
  static Map<String, String> asked(SdkPojo request, String suffix) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String stem : STEMS) {
      String field = stem + suffix;
      for (SdkField<?> f : request.sdkFields()) {
        if (f.memberName().equals(field)) {
          Object v = f.getValueOrDefault(request);
          out.put(kindOf(stem), v == null ? null : v.toString());
        }
      }
    }
    return out;
  }

  /** One VPC's control; deleted ones stay visible, {@code deleted}. */
  static final class Control implements java.io.Serializable {
    final String id;
    final String vpcId;
    String mode = "monitor";
    String state = "available";
    String stateMessage;
    final TreeSet<String> excluded = new TreeSet<>();

    Control(String id, String vpcId) {
      this.id = id;
      this.vpcId = vpcId;
    }

    boolean live() {
      return !state.equals("deleted");
    }
  }

  final Map<String, Control> controls = new LinkedHashMap<>();
  String accountMode = "unmanaged";
  Instant accountUpdated;
  final TreeSet<String> accountExcluded = new TreeSet<>();

  static EncryptionState of(RegionState state) {
    return state.part(EncryptionState.class, EncryptionState::new);
  }
}
