package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Ids;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.AllocateAddressRequest;
import software.amazon.awssdk.services.ec2.model.AllocateAddressResponse;
import software.amazon.awssdk.services.ec2.model.AssociateAddressRequest;
import software.amazon.awssdk.services.ec2.model.AssociateAddressResponse;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateAddressRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateAddressResponse;
import software.amazon.awssdk.services.ec2.model.ReleaseAddressRequest;
import software.amazon.awssdk.services.ec2.model.ReleaseAddressResponse;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Elastic IPs: allocated, associated with an instance's or an interface's address, released. */
public final class AddressesService {
  private final InstancePlacements instances;

  private final VpcAddressPools pools;

  public AddressesService(InstancePlacements instances) {
    this(instances, VpcAddressPools.NONE);
  }

  public AddressesService(InstancePlacements instances, VpcAddressPools pools) {
    this.instances = instances;
    this.pools = pools;
  }

  public AllocateAddressResponse allocateAddress(RequestContext ctx, AllocateAddressRequest req) {
    if (req.domainAsString() != null && !req.domainAsString().equals("vpc")) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + req.domainAsString() + "' for domain.");
    }
    String pool = req.publicIpv4Pool() == null ? "amazon" : req.publicIpv4Pool();
    if (req.address() != null && pool.equals("amazon")) {
      throw AwsException.missingParameter("PublicIpv4Pool");
    }
    List<Tag> tags = VpcTags.of(req.tagSpecifications(), "elastic-ip");
    VpcState st = VpcState.of(ctx.state());
    String allocationId = Ids.next("eipalloc");
    // a BYOIP pool's address is taken first (it may refuse), outside the VPC state's lock
    String ip =
        pool.equals("amazon") ? null : pools.publicIp(ctx, pool, req.address(), allocationId);
    ElasticIpRecord a;
    synchronized (st) {
      a = new ElasticIpRecord(allocationId, ip == null ? st.nextPublicIp() : ip);
      a.pool = pool;
      st.addresses.put(a.allocationId, a);
    }
    VpcTags.apply(ctx, a.allocationId, tags);
    return AllocateAddressResponse.builder()
        .allocationId(a.allocationId)
        .publicIp(a.publicIp)
        .domain("vpc")
        .publicIpv4Pool(a.pool)
        .networkBorderGroup(ctx.region())
        .build();
  }

  public AssociateAddressResponse associateAddress(
      RequestContext ctx, AssociateAddressRequest req) {
    if (req.instanceId() != null) {
      instances.of(ctx.state(), req.instanceId());
    }
    VpcState st = VpcState.of(ctx.state());
    String associationId = Ids.next("eipassoc");
    synchronized (st) {
      ElasticIpRecord a = find(st, req.allocationId(), req.publicIp());
      NetworkInterfaceRecord eni;
      if (req.networkInterfaceId() != null) {
        eni = st.networkInterface(req.networkInterfaceId());
      } else if (req.instanceId() != null) {
        List<NetworkInterfaceRecord> enis = st.interfacesOf(req.instanceId());
        if (enis.isEmpty()) {
          throw new AwsException(
              "InvalidInstanceID", "The instance '" + req.instanceId() + "' has no interface.");
        }
        eni = enis.get(0);
      } else {
        throw AwsException.missingParameter("InstanceId");
      }
      if (a.associationId != null && Boolean.FALSE.equals(req.allowReassociation())) {
        throw new AwsException(
            "Resource.AlreadyAssociated",
            "resource "
                + a.allocationId
                + " is already associated with associationId "
                + a.associationId);
      }
      ElasticIpRecord current = st.addressOfEni(eni.id);
      if (current != null && current != a) {
        current.associationId = null;
        current.eniId = null;
        current.instanceId = null;
        current.privateIp = null;
      }
      a.associationId = associationId;
      a.eniId = eni.id;
      a.instanceId = eni.instanceId;
      a.privateIp = eni.privateIp;
    }
    return AssociateAddressResponse.builder().associationId(associationId).build();
  }

  public DisassociateAddressResponse disassociateAddress(
      RequestContext ctx, DisassociateAddressRequest req) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      for (ElasticIpRecord a : st.addresses.values()) {
        boolean match =
            (req.associationId() != null && req.associationId().equals(a.associationId))
                || (req.publicIp() != null && req.publicIp().equals(a.publicIp));
        if (match && a.associationId != null) {
          a.associationId = null;
          a.eniId = null;
          a.instanceId = null;
          a.privateIp = null;
          return DisassociateAddressResponse.builder().build();
        }
      }
    }
    throw new AwsException(
        "InvalidAssociationID.NotFound",
        "The association ID '" + req.associationId() + "' does not exist");
  }

  public ReleaseAddressResponse releaseAddress(RequestContext ctx, ReleaseAddressRequest req) {
    VpcState st = VpcState.of(ctx.state());
    ElasticIpRecord released;
    synchronized (st) {
      ElasticIpRecord a = find(st, req.allocationId(), req.publicIp());
      if (a.associationId != null) {
        throw new AwsException("InvalidIPAddress.InUse", "Address " + a.publicIp + " is in use.");
      }
      st.addresses.remove(a.allocationId);
      st.addressTransfers.remove(a.allocationId);
      released = a;
    }
    if (released.pool != null && !released.pool.equals("amazon")) {
      pools.releasePublicIp(ctx, released.pool, released.publicIp);
    }
    ctx.tags().drop(req.allocationId());
    return ReleaseAddressResponse.builder().build();
  }

  public DescribeAddressesResponse describeAddresses(
      RequestContext ctx, DescribeAddressesRequest req) {
    VpcState st = VpcState.of(ctx.state());
    Predicate<Address> filter = VpcFilters.ADDRESSES.compile(req.filters());
    List<Address> out = new ArrayList<>();
    synchronized (st) {
      List<ElasticIpRecord> records = new ArrayList<>();
      req.allocationIds().forEach(id -> records.add(st.address(id)));
      req.publicIps().forEach(ip -> records.add(find(st, null, ip)));
      if (req.allocationIds().isEmpty() && req.publicIps().isEmpty()) {
        records.addAll(st.addresses.values());
      }
      for (ElasticIpRecord a : records) {
        Address v =
            Address.builder()
                .allocationId(a.allocationId)
                .publicIp(a.publicIp)
                .domain("vpc")
                .associationId(a.associationId)
                .networkInterfaceId(a.eniId)
                .networkInterfaceOwnerId(a.eniId == null ? null : st.account)
                .instanceId(a.instanceId)
                .privateIpAddress(a.privateIp)
                .publicIpv4Pool(a.pool == null ? "amazon" : a.pool)
                .networkBorderGroup(st.region)
                .tags(VpcTags.shown(ctx, a.allocationId))
                .build();
        if (filter.test(v)) {
          out.add(v);
        }
      }
    }
    return DescribeAddressesResponse.builder().addresses(out).build();
  }

  private static ElasticIpRecord find(VpcState st, String allocationId, String publicIp) {
    if (allocationId != null) {
      return st.address(allocationId);
    }
    for (ElasticIpRecord a : st.addresses.values()) {
      if (a.publicIp.equals(publicIp)) {
        return a;
      }
    }
    if (publicIp == null) {
      throw AwsException.missingParameter("AllocationId");
    }
    throw new AwsException("InvalidAddress.NotFound", "Address '" + publicIp + "' not found.");
  }
}
