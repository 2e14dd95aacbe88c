package dev.ec2double.ec2.vpcencryption;

import dev.ec2double.core.RequestContext;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.AccountVpcEncryptionControl;
import software.amazon.awssdk.services.ec2.model.AccountVpcEncryptionControlExclusions;
import software.amazon.awssdk.services.ec2.model.VpcEncryptionControl;
import software.amazon.awssdk.services.ec2.model.VpcEncryptionControlExclusion;
import software.amazon.awssdk.services.ec2.model.VpcEncryptionControlExclusions;

/** How a control and the account's setting look to a client. */
final class EncryptionViews {
  private EncryptionViews() {}

  private static VpcEncryptionControlExclusion exclusion(Set<String> excluded, String kind) {
    return VpcEncryptionControlExclusion.builder()
        .state(excluded.contains(kind) ? "enabled" : "disabled")
        .build();
  }

  static VpcEncryptionControl control(RequestContext ctx, EncryptionState.Control c) {
    Set<String> x = c.excluded;
    return VpcEncryptionControl.builder()
        .vpcEncryptionControlId(c.id)
        .vpcId(c.vpcId)
        .mode(c.mode)
        .state(c.state)
        .stateMessage(c.stateMessage)
        .resourceExclusions(
            VpcEncryptionControlExclusions.builder()
                .internetGateway(exclusion(x, "internet-gateway"))
                .egressOnlyInternetGateway(exclusion(x, "egress-only-internet-gateway"))
                .natGateway(exclusion(x, "nat-gateway"))
                .virtualPrivateGateway(exclusion(x, "virtual-private-gateway"))
                .vpcPeering(exclusion(x, "vpc-peering"))
                .lambda(exclusion(x, "lambda"))
                .vpcLattice(exclusion(x, "vpc-lattice"))
                .elasticFileSystem(exclusion(x, "elastic-file-system"))
                .build())
        .tags(ctx.tags().sdkTags(c.id))
        .build();
  }

  private static String state(Set<String> excluded, String kind) {
    return excluded.contains(kind) ? "enabled" : "disabled";
  }

  static AccountVpcEncryptionControl account(EncryptionState st, String state) {
    Set<String> x = st.accountExcluded;
    return AccountVpcEncryptionControl.builder()
        .state(state)
        .mode(st.accountMode)
        .managedBy("account")
        .lastUpdateTimestamp(st.accountUpdated)
        .exclusions(
            AccountVpcEncryptionControlExclusions.builder()
                .internetGateway(state(x, "internet-gateway"))
                .egressOnlyInternetGateway(state(x, "egress-only-internet-gateway"))
                .natGateway(state(x, "nat-gateway"))
                .virtualPrivateGateway(state(x, "virtual-private-gateway"))
                .vpcPeering(state(x, "vpc-peering"))
                .lambda(state(x, "lambda"))
                .vpcLattice(state(x, "vpc-lattice"))
                .elasticFileSystem(state(x, "elastic-file-system"))
                .build())
        .build();
  }
}
