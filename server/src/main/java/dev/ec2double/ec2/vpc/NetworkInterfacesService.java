package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Ids;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.AttachNetworkInterfaceRequest;
import software.amazon.awssdk.services.ec2.model.AttachNetworkInterfaceResponse;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInterfaceRequest;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInterfaceResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInterfaceRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInterfaceResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.DetachNetworkInterfaceRequest;
import software.amazon.awssdk.services.ec2.model.DetachNetworkInterfaceResponse;
import software.amazon.awssdk.services.ec2.model.ModifyNetworkInterfaceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyNetworkInterfaceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Network interfaces. An instance's primary interface is its machine's address on the VPC's
 * network; secondary interfaces are records with their own address and groups (the engine gives a
 * container one address per network, and all subnets of a VPC are one network).
 */
public final class NetworkInterfacesService {
  private final InstancePlacements instances;
  private final SecurityGroupEnforcer enforcer;

  public NetworkInterfacesService(InstancePlacements instances, SecurityGroupEnforcer enforcer) {
    this.instances = instances;
    this.enforcer = enforcer;
  }

  public CreateNetworkInterfaceResponse createNetworkInterface(
      RequestContext ctx, CreateNetworkInterfaceRequest req) {
    if (req.subnetId() == null) {
      throw AwsException.missingParameter("SubnetId");
    }
    List<Tag> tags = VpcTags.of(req.tagSpecifications(), "network-interface");
    VpcState st = VpcState.of(ctx.state());
    NetworkInterfaceRecord n;
    synchronized (st) {
      SubnetRecord s = st.subnet(req.subnetId());
      List<String> groups =
          req.groups().isEmpty() ? List.of(st.vpc(s.vpcId).defaultSecurityGroupId) : req.groups();
      checkGroups(st, groups, s.vpcId);
      String type = NetworkInterfaceAttributesService.creationType(req.interfaceTypeAsString());
      n = create(st, s, groups, req.privateIpAddress(), req.description());
      n.interfaceType = type;
    }
    VpcTags.apply(ctx, n.id, tags);
    synchronized (st) {
      return CreateNetworkInterfaceResponse.builder()
          .networkInterface(NetworkInterfaceViews.eni(ctx, st, n))
          .build();
    }
  }

  static NetworkInterfaceRecord create(
      VpcState st, SubnetRecord s, List<String> groups, String ip, String description) {
    return create(st, s, groups, ip, description, java.util.Set.of());
  }

  static NetworkInterfaceRecord create(
      VpcState st,
      SubnetRecord s,
      List<String> groups,
      String ip,
      String description,
      java.util.Set<String> avoid) {
    VpcRecord vpc = st.vpcs.get(s.vpcId);
    boolean shared = vpc != null && vpc.isDefault; // one engine network for every server
    String address = ip == null ? s.pool.allocate(avoid, shared) : s.pool.claim(ip);
    NetworkInterfaceRecord n =
        new NetworkInterfaceRecord(
            Ids.next("eni"), s.id, s.vpcId, s.zone, address, Macs.next(), description, groups);
    st.interfaces.put(n.id, n);
    return n;
  }

  static void checkGroups(VpcState st, List<String> groups, String vpcId) {
    for (String g : groups) {
      SecurityGroupRecord sg = st.group(g);
      if (!sg.usableIn(vpcId)) {
        throw AwsException.invalidParameterValue(
            "Security group " + g + " and subnet belong to different networks.");
      }
    }
  }

  public DescribeNetworkInterfacesResponse describeNetworkInterfaces(
      RequestContext ctx, DescribeNetworkInterfacesRequest req) {
    VpcState st = VpcState.of(ctx.state());
    Predicate<NetworkInterface> filter = VpcFilters.INTERFACES.compile(req.filters());
    List<NetworkInterface> views = new ArrayList<>();
    synchronized (st) {
      List<NetworkInterfaceRecord> records = new ArrayList<>();
      for (String id : req.networkInterfaceIds()) {
        records.add(st.networkInterface(id));
      }
      if (req.networkInterfaceIds().isEmpty()) {
        records.addAll(st.interfaces.values());
      }
      for (NetworkInterfaceRecord r : records) {
        NetworkInterface v = NetworkInterfaceViews.eni(ctx, st, r);
        if (filter.test(v)) {
          views.add(v);
        }
      }
    }
    var page = Pages.page("DescribeNetworkInterfaces", views, req.maxResults(), req.nextToken());
    return DescribeNetworkInterfacesResponse.builder()
        .networkInterfaces(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public DeleteNetworkInterfaceResponse deleteNetworkInterface(
      RequestContext ctx, DeleteNetworkInterfaceRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      NetworkInterfaceRecord n = st.networkInterface(req.networkInterfaceId());
      if (n.instanceId != null || n.requesterId != null) {
        throw new AwsException(
            "InvalidNetworkInterface.InUse", "Interface: [" + n.id + "] in use.");
      }
      delete(st, n);
    }
    ctx.tags().drop(req.networkInterfaceId());
    return DeleteNetworkInterfaceResponse.builder().build();
  }

  static void delete(VpcState st, NetworkInterfaceRecord n) {
    ElasticIpRecord eip = st.addressOfEni(n.id);
    if (eip != null) {
      eip.associationId = null;
      eip.eniId = null;
      eip.instanceId = null;
      eip.privateIp = null;
    }
    st.interfaces.remove(n.id);
    st.interfacePermissions.values().removeIf(p -> p.eniId().equals(n.id));
    st.trunkAssociations
        .values()
        .removeIf(a -> a.branchId().equals(n.id) || a.trunkId().equals(n.id));
    AddressPool pool = st.subnets.get(n.subnetId).pool;
    pool.release(n.privateIp);
    n.secondaryIps.forEach(pool::release);
  }

  public AttachNetworkInterfaceResponse attachNetworkInterface(
      RequestContext ctx, AttachNetworkInterfaceRequest req) {
    if (req.deviceIndex() == null) {
      throw AwsException.missingParameter("DeviceIndex");
    }
    InstancePlacements.Placement where = instances.of(ctx.state(), req.instanceId());
    VpcState st = VpcState.of(ctx.state());
    String attachmentId = Ids.next("eni-attach");
    synchronized (st) {
      NetworkInterfaceRecord n = st.networkInterface(req.networkInterfaceId());
      if (n.instanceId != null || n.requesterId != null) {
        throw new AwsException(
            "InvalidNetworkInterface.InUse", "Interface: [" + n.id + "] in use.");
      }
      if (!n.zone.equals(where.zone()) || !n.vpcId.equals(where.vpcId())) {
        throw AwsException.invalidParameterCombination(
            "You may not attach a network interface to an instance if they are not in the same"
                + " availability zone");
      }
      for (NetworkInterfaceRecord other : st.interfacesOf(req.instanceId())) {
        if (other.deviceIndex == req.deviceIndex()) {
          throw AwsException.invalidParameterValue(
              "Instance '"
                  + req.instanceId()
                  + "' already has an interface attached at device"
                  + " index '"
                  + req.deviceIndex()
                  + "'.");
        }
      }
      int count = st.interfacesOf(req.instanceId()).size() + 1;
      if (count > where.maxInterfaces()) {
        throw new AwsException(
            "AttachmentLimitExceeded",
            "Interface count " + count + " exceeds the limit for " + where.instanceType());
      }
      if (req.deviceIndex() < 1) {
        throw AwsException.invalidParameterValue(
            "Instance '"
                + req.instanceId()
                + "' already has an interface attached at device"
                + " index '0'.");
      }
      n.instanceId = req.instanceId();
      n.deviceIndex = req.deviceIndex();
      n.attachmentId = attachmentId;
      n.attachTime = Instant.now();
      n.deleteOnTermination = false;
    }
    return AttachNetworkInterfaceResponse.builder()
        .attachmentId(attachmentId)
        .networkCardIndex(0)
        .build();
  }

  public DetachNetworkInterfaceResponse detachNetworkInterface(
      RequestContext ctx, DetachNetworkInterfaceRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      for (NetworkInterfaceRecord n : st.interfaces.values()) {
        if (req.attachmentId() != null && req.attachmentId().equals(n.attachmentId)) {
          if (n.deviceIndex == 0) {
            throw new AwsException(
                "OperationNotPermitted",
                "The network interface at device index 0 cannot be detached.");
          }
          n.instanceId = null;
          n.attachmentId = null;
          n.attachTime = null;
          return DetachNetworkInterfaceResponse.builder().build();
        }
      }
    }
    throw new AwsException(
        "InvalidAttachmentID.NotFound",
        "The attachment ID '" + req.attachmentId() + "' does not exist");
  }

  public ModifyNetworkInterfaceAttributeResponse modifyNetworkInterfaceAttribute(
      RequestContext ctx, ModifyNetworkInterfaceAttributeRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      NetworkInterfaceRecord n = st.networkInterface(req.networkInterfaceId());
      if (!req.groups().isEmpty()) {
        checkGroups(st, req.groups(), n.vpcId);
        n.groupIds = List.copyOf(req.groups());
      }
      if (req.sourceDestCheck() != null && req.sourceDestCheck().value() != null) {
        n.sourceDestCheck = req.sourceDestCheck().value();
      }
      if (req.associatePublicIpAddress() != null) {
        n.associatePublicIp = req.associatePublicIpAddress();
      }
      if (req.attachment() != null && req.attachment().deleteOnTermination() != null) {
        n.deleteOnTermination = req.attachment().deleteOnTermination();
      }
    }
    enforcer.refresh(ctx.state());
    return ModifyNetworkInterfaceAttributeResponse.builder().build();
  }
}
