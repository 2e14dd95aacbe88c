package dev.ec2double.ec2.vpcencryption;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** VPC encryption controls of one account in one region, and its account-wide setting. */
final class EncryptionState implements java.io.Serializable {
  /** The kinds of traffic a control can exclude, by the name of their Modify parameter. */
  static final String[] EXCLUDABLE = {
    "internet-gateway",
    "egress-only-internet-gateway",
    "nat-gateway",
    "virtual-private-gateway",
    "vpc-peering",
    "lambda",
    "vpc-lattice",
    "elastic-file-system"
  };

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
