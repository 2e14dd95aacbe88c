package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.errors.AwsException;
import software.amazon.awssdk.services.ec2.model.AssociateTrunkInterfaceRequest;
import software.amazon.awssdk.services.ec2.model.AssociateTrunkInterfaceResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTrunkInterfaceAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTrunkInterfaceAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateTrunkInterfaceRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateTrunkInterfaceResponse;
import software.amazon.awssdk.services.ec2.model.TrunkInterfaceAssociation;

/**
 * Branch interfaces on a trunk interface (ECS awsvpc trunking): records. The trunk is an interface
 * made with InterfaceType {@code trunk}; a branch is one other interface of the same VPC, on one
 * trunk at a time, tagged by a VLAN id (1-4094, one per trunk) or a GRE key.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateTrunkInterface.html
 */
public final class TrunkInterfaces {
  record Association(String id, String trunkId, String branchId, Integer vlanId, Integer greKey)
      implements java.io.Serializable {}

  static final ResourceKind<Association, TrunkInterfaceAssociation> KIND =
      ResourceKind.<Association, TrunkInterfaceAssociation>of("trunk-assoc", "network-interface")
          .errors(
              "InvalidAssociationID.NotFound",
              "trunkInterfaceAssociation",
              "InvalidAssociationID.Malformed")
          .storedIn(VpcState::of, st -> st.trunkAssociations)
          .id(Association::id)
          .view(TrunkInterfaces::view, TrunkInterfaceAssociation::tags)
          .filter("gre-key", a -> a.greKey() == null ? null : String.valueOf(a.greKey()))
          .filter("interface-protocol", TrunkInterfaceAssociation::interfaceProtocolAsString)
          .build();

  private static TrunkInterfaceAssociation view(RequestContext ctx, Association a) {
    return TrunkInterfaceAssociation.builder()
        .associationId(a.id())
        .trunkInterfaceId(a.trunkId())
        .branchInterfaceId(a.branchId())
        .interfaceProtocol(a.vlanId() != null ? "VLAN" : "GRE")
        .vlanId(a.vlanId())
        .greKey(a.greKey())
        .tags(ctx.tags().sdkTags(a.id()))
        .build();
  }

  public AssociateTrunkInterfaceResponse associateTrunkInterface(
      RequestContext ctx, AssociateTrunkInterfaceRequest req) {
    if (req.branchInterfaceId() == null) {
      throw AwsException.missingParameter("BranchInterfaceId");
    }
    if (req.trunkInterfaceId() == null) {
      throw AwsException.missingParameter("TrunkInterfaceId");
    }
    if ((req.vlanId() == null) == (req.greKey() == null)) {
      throw AwsException.invalidParameterCombination("Specify exactly one of VlanId and GreKey.");
    }
    if (req.vlanId() != null && (req.vlanId() < 1 || req.vlanId() > 4094)) {
      throw AwsException.invalidParameterValue(
          "Value (" + req.vlanId() + ") for parameter vlanId is invalid. Valid range is 1-4094.");
    }
    if (req.greKey() != null && req.greKey() < 0) {
      throw AwsException.invalidParameterValue(
          "Value (" + req.greKey() + ") for parameter greKey is invalid.");
    }
    VpcState st = VpcState.of(ctx.state());
    Association made =
        KIND.create(
            ctx,
            java.util.List.of(),
            id -> {
              NetworkInterfaceRecord trunk = st.networkInterface(req.trunkInterfaceId());
              NetworkInterfaceRecord branch = st.networkInterface(req.branchInterfaceId());
              check(st, trunk, branch, req.vlanId());
              return new Association(id, trunk.id, branch.id, req.vlanId(), req.greKey());
            });
    return AssociateTrunkInterfaceResponse.builder()
        .interfaceAssociation(KIND.view(ctx, made))
        .clientToken(req.clientToken())
        .build();
  }

  private static void check(
      VpcState st, NetworkInterfaceRecord trunk, NetworkInterfaceRecord branch, Integer vlan) {
    if (!trunk.interfaceType.equals("trunk")) {
      throw AwsException.invalidParameterValue(
          "The network interface " + trunk.id + " is not a trunk interface.");
    }
    if (branch.id.equals(trunk.id) || branch.interfaceType.equals("trunk")) {
      throw AwsException.invalidParameterValue(
          "The network interface " + branch.id + " cannot be a branch interface.");
    }
    if (!branch.vpcId.equals(trunk.vpcId)) {
      throw AwsException.invalidParameterValue(
          "The trunk and branch interfaces belong to different networks.");
    }
    for (Association a : st.trunkAssociations.values()) {
      if (a.branchId().equals(branch.id)) {
        throw new AwsException(
            "InvalidParameterValue",
            "The branch interface " + branch.id + " is already associated with " + a.trunkId());
      }
      if (vlan != null && a.trunkId().equals(trunk.id) && vlan.equals(a.vlanId())) {
        throw AwsException.invalidParameterValue(
            "The VLAN id " + vlan + " is already in use on trunk interface " + trunk.id + ".");
      }
    }
  }

  public DisassociateTrunkInterfaceResponse disassociateTrunkInterface(
      RequestContext ctx, DisassociateTrunkInterfaceRequest req) {
    if (req.associationId() == null) {
      throw AwsException.missingParameter("AssociationId");
    }
    KIND.delete(ctx, req.associationId());
    return DisassociateTrunkInterfaceResponse.builder()
        .returnValue(true)
        .clientToken(req.clientToken())
        .build();
  }

  public DescribeTrunkInterfaceAssociationsResponse describeTrunkInterfaceAssociations(
      RequestContext ctx, DescribeTrunkInterfaceAssociationsRequest req) {
    var page =
        KIND.describe(ctx, req.associationIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeTrunkInterfaceAssociationsResponse.builder()
        .interfaceAssociations(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
