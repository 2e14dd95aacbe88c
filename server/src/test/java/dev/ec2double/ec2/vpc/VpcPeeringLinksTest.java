package dev.ec2double.ec2.vpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.compute.MockBackend;
import dev.ec2double.compute.NetworkLink;
import dev.ec2double.core.Cidr;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.StateStore;
import dev.ec2double.errors.AwsException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.AcceptVpcPeeringConnectionRequest;
import software.amazon.awssdk.services.ec2.model.AssociateRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.CreateRouteRequest;
import software.amazon.awssdk.services.ec2.model.CreateRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.CreateSubnetRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcPeeringConnectionRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcRequest;
import software.amazon.awssdk.services.ec2.model.DeleteRouteRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcPeeringConnectionRequest;

/**
 * What peering connections and routes hand the backend: the pairs of subnet blocks whose route
 * tables both route to an active connection, cut to what the routes cover.
 */
class VpcPeeringLinksTest {
  private static final String ACCOUNT = "123456789012";
  private static final String SCOPE = ACCOUNT + "/eu-west-1";

  private final StateStore store = new StateStore();
  private final MockBackend backend = new MockBackend();
  private final VpcPeeringEnforcer enforcer = new VpcPeeringEnforcer(backend, store::region);
  private final RequestContext ctx =
      new RequestContext(
          ACCOUNT, "eu-west-1", "AKID", "X", "r", store.region(ACCOUNT, "eu-west-1"));
  private final RouteTablesService routes = new RouteTablesService((s, id) -> null, enforcer);
  private final VpcPeeringService peerings = new VpcPeeringService(store::region, enforcer);
  private final SubnetsService subnets =
      new SubnetsService(new NetworkAclEnforcer(backend, false), enforcer);

  private String vpc(String cidr) {
    return new VpcsService(null, new dev.ec2double.core.Resources())
        .createVpc(ctx, CreateVpcRequest.builder().cidrBlock(cidr).build())
        .vpc()
        .vpcId();
  }

  private String subnet(String vpc, String cidr) {
    return subnets
        .createSubnet(ctx, CreateSubnetRequest.builder().vpcId(vpc).cidrBlock(cidr).build())
        .subnet()
        .subnetId();
  }

  private String mainTable(String vpc) {
    return VpcState.of(ctx.state()).vpc(vpc).mainRouteTableId;
  }

  private void route(String table, String cidr, String pcx) {
    routes.createRoute(
        ctx,
        CreateRouteRequest.builder()
            .routeTableId(table)
            .destinationCidrBlock(cidr)
            .vpcPeeringConnectionId(pcx)
            .build());
  }

  private String peering(String a, String b) {
    return peerings
        .createVpcPeeringConnection(
            ctx, CreateVpcPeeringConnectionRequest.builder().vpcId(a).peerVpcId(b).build())
        .vpcPeeringConnection()
        .vpcPeeringConnectionId();
  }

  @Test
  void subnetsAreLinkedOnlyWithAnActiveConnectionAndRoutesBothWays() {
    String a = vpc("10.1.0.0/16");
    String b = vpc("10.2.0.0/16");
    String a1 = subnet(a, "10.1.1.0/24");
    subnet(a, "10.1.2.0/24");
    subnet(b, "10.2.1.0/24");
    String pcx = peering(a, b);
    route(mainTable(a), "10.2.0.0/16", pcx);
    route(mainTable(b), "10.1.0.0/16", pcx);
    assertThat(backend.networkLinks(SCOPE)).as("pending acceptance").isEmpty();

    peerings.acceptVpcPeeringConnection(
        ctx, AcceptVpcPeeringConnectionRequest.builder().vpcPeeringConnectionId(pcx).build());
    String na = "ec2double-" + a;
    String nb = "ec2double-" + b;
    assertThat(backend.networkLinks(SCOPE))
        .containsExactly(
            new NetworkLink(na, "10.1.1.0/24", nb, "10.2.1.0/24"),
            new NetworkLink(na, "10.1.2.0/24", nb, "10.2.1.0/24"));

    // subnet a1 gets a table of its own with a narrower route: only that part is linked
    String own =
        routes
            .createRouteTable(ctx, CreateRouteTableRequest.builder().vpcId(a).build())
            .routeTable()
            .routeTableId();
    routes.associateRouteTable(
        ctx, AssociateRouteTableRequest.builder().routeTableId(own).subnetId(a1).build());
    assertThat(backend.networkLinks(SCOPE))
        .containsExactly(new NetworkLink(na, "10.1.2.0/24", nb, "10.2.1.0/24"));
    route(own, "10.2.1.128/25", pcx);
    assertThat(backend.networkLinks(SCOPE))
        .containsExactly(
            new NetworkLink(na, "10.1.1.0/24", nb, "10.2.1.128/25"),
            new NetworkLink(na, "10.1.2.0/24", nb, "10.2.1.0/24"));

    // the return route goes: nothing is linked
    routes.deleteRoute(
        ctx,
        DeleteRouteRequest.builder()
            .routeTableId(mainTable(b))
            .destinationCidrBlock("10.1.0.0/16")
            .build());
    assertThat(backend.networkLinks(SCOPE)).isEmpty();
    route(mainTable(b), "10.1.0.0/16", pcx);
    assertThat(backend.networkLinks(SCOPE)).hasSize(2);

    // a new subnet of B, served by the main table, joins at once (with the subnet of A whose main
    // table covers it; a1's own table routes only 10.2.1.128/25)
    subnet(b, "10.2.2.0/24");
    assertThat(backend.networkLinks(SCOPE))
        .hasSize(3)
        .contains(new NetworkLink(na, "10.1.2.0/24", nb, "10.2.2.0/24"));

    peerings.deleteVpcPeeringConnection(
        ctx, DeleteVpcPeeringConnectionRequest.builder().vpcPeeringConnectionId(pcx).build());
    assertThat(backend.networkLinks(SCOPE)).isEmpty();
  }

  @Test
  void overlappingVpcsFailAndAreNeverLinked() {
    String a = vpc("10.3.0.0/16");
    String b = vpc("10.3.0.0/16");
    String pcx = peering(a, b);
    assertThat(VpcPeerings.KIND.get(ctx.state(), pcx).code()).isEqualTo("failed");
    assertThatThrownBy(
            () ->
                peerings.acceptVpcPeeringConnection(
                    ctx,
                    AcceptVpcPeeringConnectionRequest.builder()
                        .vpcPeeringConnectionId(pcx)
                        .build()))
        .isInstanceOf(AwsException.class)
        .hasMessageContaining("from failed to active");
  }

  @Test
  void theSharedBlockOfTwoCidrsIsTheSmallerOne() {
    Cidr wide = Cidr.parseOrNull("10.0.0.0/16");
    Cidr narrow = Cidr.parseOrNull("10.0.4.0/24");
    assertThat(VpcPeeringEnforcer.meet(wide, narrow)).isEqualTo(narrow);
    assertThat(VpcPeeringEnforcer.meet(narrow, wide)).isEqualTo(narrow);
    assertThat(VpcPeeringEnforcer.meet(narrow, Cidr.parseOrNull("10.1.0.0/16"))).isNull();
  }
}
