package dev.ec2double.ec2.mirroring;

import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.ConsumerEndpoints;
import dev.ec2double.ec2.vpc.VpcLookups;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.LoadBalancerRecord;
import dev.ec2double.errors.AwsException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.ec2.model.CreateTrafficMirrorSessionRequest;
import software.amazon.awssdk.services.ec2.model.CreateTrafficMirrorSessionResponse;
import software.amazon.awssdk.services.ec2.model.CreateTrafficMirrorTargetRequest;
import software.amazon.awssdk.services.ec2.model.CreateTrafficMirrorTargetResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTrafficMirrorSessionRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTrafficMirrorSessionResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTrafficMirrorTargetRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTrafficMirrorTargetResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTrafficMirrorSessionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTrafficMirrorSessionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTrafficMirrorTargetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTrafficMirrorTargetsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyTrafficMirrorSessionRequest;
import software.amazon.awssdk.services.ec2.model.ModifyTrafficMirrorSessionResponse;

/**
 * Traffic mirror targets and sessions (records: no packet is mirrored). A target is one network
 * interface, network load balancer or Gateway Load Balancer endpoint of the caller; a session
 * mirrors a source network interface (not the target's) through a filter to a target, with a
 * session number from 1 to 32766 unique on its source, a VXLAN network id (0 to 16777215, a free
 * one when not given) and an optional packet length (1 to 8500). A target a session uses cannot be
 * deleted.
 */
public final class TrafficMirrorSessionsService {
  private static final int MAX_VNI = 16_777_215;

  public CreateTrafficMirrorTargetResponse createTrafficMirrorTarget(
      RequestContext ctx, CreateTrafficMirrorTargetRequest req) {
    var tags = MirrorKinds.TARGETS.tags(req.tagSpecifications());
    String eni = req.networkInterfaceId();
    String nlb = req.networkLoadBalancerArn();
    String gwlbe = req.gatewayLoadBalancerEndpointId();
    long given = java.util.stream.Stream.of(eni, nlb, gwlbe).filter(x -> x != null).count();
    if (given == 0) {
      throw AwsException.missingParameter("NetworkInterfaceId");
    }
    if (given > 1) {
      throw AwsException.invalidParameterCombination(
          "Specify one of NetworkInterfaceId, NetworkLoadBalancerArn,"
              + " GatewayLoadBalancerEndpointId");
    }
    String type;
    if (eni != null) {
      requireInterface(ctx, eni);
      type = "network-interface";
    } else if (nlb != null) {
      Elbv2Store elb = ctx.state().existingPart(Elbv2Store.class);
      LoadBalancerRecord lb = elb == null ? null : elb.loadBalancers.get(nlb);
      if (lb == null || !"network".equals(lb.sdk().typeAsString())) {
        throw AwsException.invalidParameterValue(
            "Invalid value '"
                + nlb
                + "' for NetworkLoadBalancerArn: no such network load balancer");
      }
      type = "network-load-balancer";
    } else {
      if (!"GatewayLoadBalancer".equals(ConsumerEndpoints.type(ctx.state(), gwlbe))) {
        throw new AwsException(
            "InvalidVpcEndpointId.NotFound",
            "The Gateway Load Balancer endpoint '" + gwlbe + "' does not exist");
      }
      type = "gateway-load-balancer-endpoint";
    }
    var t =
        MirrorKinds.TARGETS.create(
            ctx, tags, id -> new MirrorStore.Target(id, type, eni, nlb, gwlbe, req.description()));
    return CreateTrafficMirrorTargetResponse.builder()
        .trafficMirrorTarget(MirrorKinds.TARGETS.view(ctx, t))
        .clientToken(req.clientToken())
        .build();
  }

  private static void requireInterface(RequestContext ctx, String eni) {
    if (!VpcLookups.networkInterfaceExists(ctx.state(), eni)) {
      throw new AwsException(
          "InvalidNetworkInterfaceID.NotFound",
          "The networkInterface ID '" + eni + "' does not exist");
    }
  }

  public DescribeTrafficMirrorTargetsResponse describeTrafficMirrorTargets(
      RequestContext ctx, DescribeTrafficMirrorTargetsRequest req) {
    var page =
        MirrorKinds.TARGETS.describe(
            ctx, req.trafficMirrorTargetIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeTrafficMirrorTargetsResponse.builder()
        .trafficMirrorTargets(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DeleteTrafficMirrorTargetResponse deleteTrafficMirrorTarget(
      RequestContext ctx, DeleteTrafficMirrorTargetRequest req) {
    if (req.trafficMirrorTargetId() == null) {
      throw AwsException.missingParameter("TrafficMirrorTargetId");
    }
    MirrorKinds.TARGETS.delete(ctx, req.trafficMirrorTargetId());
    return DeleteTrafficMirrorTargetResponse.builder()
        .trafficMirrorTargetId(req.trafficMirrorTargetId())
        .build();
  }

  public CreateTrafficMirrorSessionResponse createTrafficMirrorSession(
      RequestContext ctx, CreateTrafficMirrorSessionRequest req) {
    var tags = MirrorKinds.SESSIONS.tags(req.tagSpecifications());
    if (req.networkInterfaceId() == null) {
      throw AwsException.missingParameter("NetworkInterfaceId");
    }
    if (req.trafficMirrorTargetId() == null) {
      throw AwsException.missingParameter("TrafficMirrorTargetId");
    }
    if (req.trafficMirrorFilterId() == null) {
      throw AwsException.missingParameter("TrafficMirrorFilterId");
    }
    if (req.sessionNumber() == null) {
      throw AwsException.missingParameter("SessionNumber");
    }
    requireInterface(ctx, req.networkInterfaceId());
    var s =
        MirrorKinds.SESSIONS.create(
            ctx,
            tags,
            id -> {
              MirrorStore.Session r = new MirrorStore.Session(id, req.networkInterfaceId());
              r.targetId = req.trafficMirrorTargetId();
              r.filterId = req.trafficMirrorFilterId();
              r.sessionNumber = req.sessionNumber();
              r.packetLength = req.packetLength();
              r.virtualNetworkId =
                  req.virtualNetworkId() == null ? freeVni(ctx) : req.virtualNetworkId();
              r.description = req.description();
              check(ctx, r);
              return r;
            });
    return CreateTrafficMirrorSessionResponse.builder()
        .trafficMirrorSession(MirrorKinds.SESSIONS.view(ctx, s))
        .clientToken(req.clientToken())
        .build();
  }

  private static int freeVni(RequestContext ctx) {
    var used = MirrorStore.of(ctx.state()).sessions.values().stream().map(s -> s.virtualNetworkId);
    List<Integer> taken = used.toList();
    while (true) {
      int vni = ThreadLocalRandom.current().nextInt(1, MAX_VNI + 1);
      if (!taken.contains(vni)) {
        return vni;
      }
    }
  }

  /** The session as a whole: its target and filter exist, its numbers are in range and free. */
  private static void check(RequestContext ctx, MirrorStore.Session s) {
    MirrorStore.Target t = MirrorKinds.TARGETS.get(ctx.state(), s.targetId);
    MirrorKinds.FILTERS.get(ctx.state(), s.filterId);
    if (s.networkInterfaceId.equals(t.networkInterfaceId)) {
      throw AwsException.invalidParameterValue(
          "The source network interface " + s.networkInterfaceId + " is the target's");
    }
    if (s.sessionNumber < 1 || s.sessionNumber > 32766) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + s.sessionNumber + "' for SessionNumber: 1 to 32766");
    }
    if (s.virtualNetworkId < 0 || s.virtualNetworkId > MAX_VNI) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + s.virtualNetworkId + "' for VirtualNetworkId: 0 to " + MAX_VNI);
    }
    if (s.packetLength != null && (s.packetLength < 1 || s.packetLength > 8500)) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + s.packetLength + "' for PacketLength: 1 to 8500");
    }
    for (MirrorStore.Session o : MirrorStore.of(ctx.state()).sessions.values()) {
      if (!o.id.equals(s.id)
          && o.networkInterfaceId.equals(s.networkInterfaceId)
          && o.sessionNumber == s.sessionNumber) {
        throw AwsException.invalidParameterValue(
            "Session number "
                + s.sessionNumber
                + " is taken on "
                + s.networkInterfaceId
                + " by "
                + o.id);
      }
    }
  }

  public DescribeTrafficMirrorSessionsResponse describeTrafficMirrorSessions(
      RequestContext ctx, DescribeTrafficMirrorSessionsRequest req) {
    var page =
        MirrorKinds.SESSIONS.describe(
            ctx, req.trafficMirrorSessionIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeTrafficMirrorSessionsResponse.builder()
        .trafficMirrorSessions(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public ModifyTrafficMirrorSessionResponse modifyTrafficMirrorSession(
      RequestContext ctx, ModifyTrafficMirrorSessionRequest req) {
    if (req.trafficMirrorSessionId() == null) {
      throw AwsException.missingParameter("TrafficMirrorSessionId");
    }
    List<String> remove = req.removeFieldsAsStrings();
    for (String f : remove) {
      if (!List.of("packet-length", "description", "virtual-network-id").contains(f)) {
        throw AwsException.invalidParameterValue("Invalid value '" + f + "' for RemoveField");
      }
    }
    var changed =
        MirrorKinds.SESSIONS.modify(
            ctx,
            req.trafficMirrorSessionId(),
            s -> {
              MirrorStore.Session next = new MirrorStore.Session(s.id, s.networkInterfaceId);
              next.targetId = or(req.trafficMirrorTargetId(), s.targetId);
              next.filterId = or(req.trafficMirrorFilterId(), s.filterId);
              next.sessionNumber = or(req.sessionNumber(), s.sessionNumber);
              next.packetLength =
                  remove.contains("packet-length") ? null : or(req.packetLength(), s.packetLength);
              next.virtualNetworkId =
                  remove.contains("virtual-network-id")
                      ? freeVni(ctx)
                      : or(req.virtualNetworkId(), s.virtualNetworkId);
              next.description =
                  remove.contains("description") ? null : or(req.description(), s.description);
              check(ctx, next);
              MirrorStore.of(ctx.state()).sessions.put(next.id, next);
              return next;
            });
    return ModifyTrafficMirrorSessionResponse.builder()
        .trafficMirrorSession(MirrorKinds.SESSIONS.view(ctx, changed))
        .build();
  }

  private static <T> T or(T value, T otherwise) {
    return value == null ? otherwise : value;
  }

  public DeleteTrafficMirrorSessionResponse deleteTrafficMirrorSession(
      RequestContext ctx, DeleteTrafficMirrorSessionRequest req) {
    if (req.trafficMirrorSessionId() == null) {
      throw AwsException.missingParameter("TrafficMirrorSessionId");
    }
    MirrorKinds.SESSIONS.delete(ctx, req.trafficMirrorSessionId());
    return DeleteTrafficMirrorSessionResponse.builder()
        .trafficMirrorSessionId(req.trafficMirrorSessionId())
        .build();
  }
}
