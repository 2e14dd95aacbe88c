package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Ids;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import software.amazon.awssdk.services.ec2.model.CreateNatGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateNatGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNatGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNatGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNatGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNatGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.NatGateway;

/**
 * CreateNatGateway, DescribeNatGateways, DeleteNatGateway: records (the engine's host masquerades
 * every VPC's outbound traffic already, with or without one; docs/networking.md). A gateway takes a
 * private address of its subnet and, when public, associates its Elastic IP, which
 * DescribeAddresses shows; it is {@code pending} in the Create answer, then {@code available};
 * DeleteNatGateway answers {@code deleting}, then it is {@code deleted} and lets its addresses go.
 * A public gateway of a VPC without an internet gateway, or with an Elastic IP that is associated
 * already, is {@code failed}, with AWS's failure code and message.
 */
public final class NatGatewaysService {

  public CreateNatGatewayResponse createNatGateway(
      RequestContext ctx, CreateNatGatewayRequest req) {
    var tags = NatGateways.KIND.tags(req.tagSpecifications());
    if (req.subnetId() == null) {
      throw AwsException.missingParameter("SubnetId");
    }
    String type =
        req.connectivityTypeAsString() == null ? "public" : req.connectivityTypeAsString();
    if (!type.equals("public") && !type.equals("private")) {
      throw AwsException.invalidParameterValue(
          "Value (" + type + ") for parameter connectivityType is invalid.");
    }
    if (type.equals("public") && req.allocationId() == null) {
      throw AwsException.missingParameter("AllocationId");
    }
    if (type.equals("private") && req.allocationId() != null) {
      throw AwsException.invalidParameterCombination(
          "AllocationId cannot be given for a private NAT gateway");
    }
    VpcState st = VpcState.of(ctx.state());
    NatGatewayRecord made =
        NatGateways.KIND.create(
            ctx,
            tags,
            id -> {
              SubnetRecord subnet = st.subnet(req.subnetId());
              ElasticIpRecord eip =
                  req.allocationId() == null ? null : st.address(req.allocationId());
              String failure = type.equals("public") ? failure(st, subnet, eip) : null;
              if (failure != null) {
                NatGatewayRecord f = new NatGatewayRecord(id, subnet, type, null, null, null, null);
                f.state = "failed";
                f.failureCode = failure;
                f.failureMessage = message(failure, subnet, eip);
                return f;
              }
              String privateIp =
                  req.privateIpAddress() == null
                      ? subnet.pool.allocate()
                      : subnet.pool.claim(req.privateIpAddress());
              String eni = Ids.next("eni");
              String association = eip == null ? null : Ids.next("eipassoc");
              if (eip != null) {
                eip.associationId = association;
                eip.eniId = eni;
                eip.privateIp = privateIp;
              }
              return new NatGatewayRecord(id, subnet, type, eip, association, privateIp, eni);
            });
    NatGateway shown = NatGateways.KIND.view(ctx, made);
    NatGateways.KIND.modify(
        ctx,
        made.id,
        n -> {
          if (n.state.equals("pending")) {
            n.state = "available";
          }
          return n;
        });
    return CreateNatGatewayResponse.builder()
        .natGateway(shown)
        .clientToken(req.clientToken())
        .build();
  }

  /** AWS's failure code of a public gateway, or null. */
  private static String failure(VpcState st, SubnetRecord subnet, ElasticIpRecord eip) {
    boolean attached = st.gateways.values().stream().anyMatch(g -> subnet.vpcId.equals(g.vpcId));
    if (!attached) {
      return "Gateway.NotAttached";
    }
    return eip.associationId != null ? "Resource.AlreadyAssociated" : null;
  }

  private static String message(String code, SubnetRecord subnet, ElasticIpRecord eip) {
    return code.equals("Gateway.NotAttached")
        ? "Network " + subnet.vpcId + " has no Internet gateway attached"
        : "Elastic IP address " + eip.allocationId + " is already associated";
  }

  public DescribeNatGatewaysResponse describeNatGateways(
      RequestContext ctx, DescribeNatGatewaysRequest req) {
    var page =
        NatGateways.KIND.describe(
            ctx, req.natGatewayIds(), req.filter(), req.maxResults(), req.nextToken());
    return DescribeNatGatewaysResponse.builder()
        .natGateways(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** The gateway lets its addresses go at once; its record stays, {@code deleted}. */
  public DeleteNatGatewayResponse deleteNatGateway(
      RequestContext ctx, DeleteNatGatewayRequest req) {
    if (req.natGatewayId() == null) {
      throw AwsException.missingParameter("NatGatewayId");
    }
    VpcState st = VpcState.of(ctx.state());
    NatGatewayRecord n =
        NatGateways.KIND.modify(
            ctx,
            req.natGatewayId(),
            r -> {
              if (r.state.equals("deleted") || r.state.equals("deleting")) {
                return r;
              }
              if (r.privateIp != null) {
                SubnetRecord subnet = st.subnets.get(r.subnetId);
                if (subnet != null) {
                  subnet.pool.release(r.privateIp);
                }
              }
              ElasticIpRecord eip =
                  r.allocationId == null ? null : st.addresses.get(r.allocationId);
              if (eip != null
                  && r.associationId != null
                  && r.associationId.equals(eip.associationId)) {
                eip.associationId = null;
                eip.eniId = null;
                eip.privateIp = null;
              }
              NatGatewayAddresses.releaseAll(st, r);
              r.state = "deleted";
              r.deleteTime = Instant.now();
              return r;
            });
    return DeleteNatGatewayResponse.builder().natGatewayId(n.id).build();
  }
}
