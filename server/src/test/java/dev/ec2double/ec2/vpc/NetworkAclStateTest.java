package dev.ec2double.ec2.vpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.compute.MockBackend;
import dev.ec2double.compute.SubnetAcl;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.CreateNetworkAclEntryRequest;
import software.amazon.awssdk.services.ec2.model.CreateNetworkAclRequest;
import software.amazon.awssdk.services.ec2.model.CreateSubnetRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceNetworkAclAssociationRequest;

/**
 * What the network ACL actions hand the backend, and that ACLs with their entries and associations
 * are saved with the state (a restart with {@code --state-dir} writes their rules again).
 */
class NetworkAclStateTest {
  /** A backend that records what it is asked to enforce. */
  private static final class Recording extends MockBackend {
    final List<List<SubnetAcl>> applied = new ArrayList<>();

    @Override
    public void applyNetworkAcls(String scope, List<SubnetAcl> acls, boolean filter) {
      applied.add(acls);
    }
  }

  @Test
  void changesReachTheBackendAndSurviveASaveAndRestore() throws Exception {
    RegionState region = new RegionState("123456789012", "eu-west-1");
    RequestContext ctx = new RequestContext("123456789012", "eu-west-1", "AKID", "X", "r", region);
    Recording backend = new Recording();
    NetworkAclEnforcer enforcer = new NetworkAclEnforcer(backend, true);
    NetworkAclsService acls = new NetworkAclsService(enforcer);
    String vpc =
        new VpcsService(null, new dev.ec2double.core.Resources())
            .createVpc(ctx, CreateVpcRequest.builder().cidrBlock("10.70.0.0/16").build())
            .vpc()
            .vpcId();
    String subnet =
        new SubnetsService(enforcer)
            .createSubnet(
                ctx, CreateSubnetRequest.builder().vpcId(vpc).cidrBlock("10.70.1.0/24").build())
            .subnet()
            .subnetId();
    assertThat(backend.applied).hasSize(1);
    assertThat(backend.applied.get(0))
        .singleElement()
        .extracting(SubnetAcl::cidr)
        .isEqualTo("10.70.1.0/24");

    String acl =
        acls.createNetworkAcl(ctx, CreateNetworkAclRequest.builder().vpcId(vpc).build())
            .networkAcl()
            .networkAclId();
    String association = NetworkAcls.of(VpcState.of(region), subnet).associations.get(subnet);
    acls.replaceNetworkAclAssociation(
        ctx,
        ReplaceNetworkAclAssociationRequest.builder()
            .associationId(association)
            .networkAclId(acl)
            .build());
    acls.createNetworkAclEntry(
        ctx,
        CreateNetworkAclEntryRequest.builder()
            .networkAclId(acl)
            .ruleNumber(10)
            .egress(false)
            .protocol("tcp")
            .ruleAction("allow")
            .cidrBlock("10.70.2.0/24")
            .portRange(p -> p.from(22).to(22))
            .build());
    SubnetAcl last = backend.applied.get(backend.applied.size() - 1).get(0);
    assertThat(last.ingress())
        .containsExactly(
            new SubnetAcl.Rule("6", 22, 22, "10.70.2.0/24", true),
            new SubnetAcl.Rule("-1", -1, -1, "0.0.0.0/0", false));
    assertThat(last.egress()).containsExactly(new SubnetAcl.Rule("-1", -1, -1, "0.0.0.0/0", false));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(region);
    }
    RegionState restored;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      restored = (RegionState) in.readObject();
    }
    assertThat(NetworkAclEnforcer.acls(VpcState.of(restored))).containsExactly(last);
  }
}
