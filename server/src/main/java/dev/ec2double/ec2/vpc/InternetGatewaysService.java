package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Ids;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.wire.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.AttachInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.AttachInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.CreateInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInternetGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInternetGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.DetachInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DetachInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Internet gateways: records with AWS's attachment rules (one per VPC). Instances reach what the
 * engine's bridge reaches whether or not one is attached; see docs/networking.md.
 */
public final class InternetGatewaysService {

  public CreateInternetGatewayResponse createInternetGateway(
      RequestContext ctx, CreateInternetGatewayRequest req) {
    List<Tag> tags = VpcTags.of(req.tagSpecifications(), "internet-gateway");
    VpcState st = VpcState.of(ctx.state());
    InternetGatewayRecord g = new InternetGatewayRecord(Ids.next("igw"));
    synchronized (st) {
      st.gateways.put(g.id, g);
    }
    VpcTags.apply(ctx, g.id, tags);
    return CreateInternetGatewayResponse.builder()
        .internetGateway(VpcViews.gateway(ctx, st, g))
        .build();
  }

  public AttachInternetGatewayResponse attachInternetGateway(
      RequestContext ctx, AttachInternetGatewayRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      InternetGatewayRecord g = st.gateway(req.internetGatewayId());
      VpcRecord vpc = st.vpc(req.vpcId());
      if (g.vpcId != null) {
        throw new AwsException(
            "Resource.AlreadyAssociated",
            "resource " + g.id + " is already attached to network " + g.vpcId);
      }
      for (InternetGatewayRecord other : st.gateways.values()) {
        if (vpc.id.equals(other.vpcId)) {
          throw new AwsException(
              "Resource.AlreadyAssociated",
              "resource " + vpc.id + " is already associated with " + other.id);
        }
      }
      g.vpcId = vpc.id;
    }
    return AttachInternetGatewayResponse.builder().build();
  }

  public DetachInternetGatewayResponse detachInternetGateway(
      RequestContext ctx, DetachInternetGatewayRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      InternetGatewayRecord g = st.gateway(req.internetGatewayId());
      st.vpc(req.vpcId());
      if (!req.vpcId().equals(g.vpcId)) {
        throw new AwsException(
            "Gateway.NotAttached",
            "resource " + g.id + " is not attached to network " + req.vpcId());
      }
      g.vpcId = null;
    }
    return DetachInternetGatewayResponse.builder().build();
  }

  public DeleteInternetGatewayResponse deleteInternetGateway(
      RequestContext ctx, DeleteInternetGatewayRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      InternetGatewayRecord g = st.gateway(req.internetGatewayId());
      if (g.vpcId != null) {
        throw new AwsException(
            "DependencyViolation",
            "The internetGateway '" + g.id + "' has dependencies and cannot be deleted.");
      }
      st.gateways.remove(g.id);
    }
    ctx.tags().drop(req.internetGatewayId());
    return DeleteInternetGatewayResponse.builder().build();
  }

  public DescribeInternetGatewaysResponse describeInternetGateways(
      RequestContext ctx, DescribeInternetGatewaysRequest req) {
    VpcState st = VpcState.of(ctx.state());
    Predicate<InternetGateway> filter = VpcFilters.GATEWAYS.compile(req.filters());
    List<InternetGateway> views = new ArrayList<>();
    synchronized (st) {
      List<InternetGatewayRecord> records = new ArrayList<>();
      for (String id : req.internetGatewayIds()) {
        records.add(st.gateway(id));
      }
      if (req.internetGatewayIds().isEmpty()) {
        records.addAll(st.gateways.values());
      }
      for (InternetGatewayRecord r : records) {
        InternetGateway g = VpcViews.gateway(ctx, st, r);
        if (filter.test(g)) {
          views.add(g);
        }
      }
    }
    var page = Pages.page("DescribeInternetGateways", views, req.maxResults(), req.nextToken());
    return DescribeInternetGatewaysResponse.builder()
        .internetGateways(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
