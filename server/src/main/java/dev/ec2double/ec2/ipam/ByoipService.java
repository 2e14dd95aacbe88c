package dev.ec2double.ec2.ipam;

import dev.ec2double.core.Ids;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AdvertiseByoipCidrRequest;
import software.amazon.awssdk.services.ec2.model.AdvertiseByoipCidrResponse;
import software.amazon.awssdk.services.ec2.model.AsnAssociation;
import software.amazon.awssdk.services.ec2.model.AssociateIpamByoasnRequest;
import software.amazon.awssdk.services.ec2.model.AssociateIpamByoasnResponse;
import software.amazon.awssdk.services.ec2.model.Byoasn;
import software.amazon.awssdk.services.ec2.model.ByoipCidr;
import software.amazon.awssdk.services.ec2.model.DeprovisionByoipCidrRequest;
import software.amazon.awssdk.services.ec2.model.DeprovisionByoipCidrResponse;
import software.amazon.awssdk.services.ec2.model.DeprovisionIpamByoasnRequest;
import software.amazon.awssdk.services.ec2.model.DeprovisionIpamByoasnResponse;
import software.amazon.awssdk.services.ec2.model.DescribeByoipCidrsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeByoipCidrsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIpamByoasnRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIpamByoasnResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateIpamByoasnRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateIpamByoasnResponse;
import software.amazon.awssdk.services.ec2.model.MoveByoipCidrToIpamRequest;
import software.amazon.awssdk.services.ec2.model.MoveByoipCidrToIpamResponse;
import software.amazon.awssdk.services.ec2.model.ProvisionByoipCidrRequest;
import software.amazon.awssdk.services.ec2.model.ProvisionByoipCidrResponse;
import software.amazon.awssdk.services.ec2.model.ProvisionIpamByoasnRequest;
import software.amazon.awssdk.services.ec2.model.ProvisionIpamByoasnResponse;
import software.amazon.awssdk.services.ec2.model.WithdrawByoipCidrRequest;
import software.amazon.awssdk.services.ec2.model.WithdrawByoipCidrResponse;

/**
 * Bring your own IP: ProvisionByoipCidr (an IPv4 /24 or shorter, an IPv6 /48 or shorter, or /56
 * when not advertised; it makes the public IPv4 or IPv6 pool the addresses are drawn from),
 * AdvertiseByoipCidr and WithdrawByoipCidr (provisioned ⇄ advertised), DeprovisionByoipCidr (only
 * when withdrawn and no address is in use), MoveByoipCidrToIpam (into a public-scope pool), and
 * bring your own ASN (ProvisionIpamByoasn, Associate/DisassociateIpamByoasn with a BYOIP CIDR).
 * Records: no route is announced anywhere.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-byoip.html
 */
public final class ByoipService {
  public ProvisionByoipCidrResponse provisionByoipCidr(
      RequestContext ctx, ProvisionByoipCidrRequest req) {
    if (req.cidr() == null) {
      throw AwsException.missingParameter("Cidr");
    }
    IpBlock block = IpBlock.parseOrNull(req.cidr());
    if (block == null) {
      throw AwsException.invalidParameterValue(
          "Value (" + req.cidr() + ") for parameter Cidr is invalid.");
    }
    boolean advertisable = !Boolean.FALSE.equals(req.publiclyAdvertisable());
    int longest = !block.ipv6() ? 24 : advertisable ? 48 : 56;
    if (block.prefix() > longest) {
      throw AwsException.invalidParameterValue(
          "The CIDR " + block + " is too small: /" + longest + " is the longest prefix taken.");
    }
    if (!block.ipv6() && !advertisable) {
      throw AwsException.invalidParameterCombination(
          "PubliclyAdvertisable=false is only for IPv6 CIDRs.");
    }
    var tags =
        dev.ec2double.core.kinds.CreateTags.of(
            req.poolTagSpecifications(), block.ipv6() ? "ipv6pool-ec2" : "ipv4pool-ec2");
    IpamState st = IpamState.of(ctx.state());
    ByoipRecords.Cidr c;
    synchronized (st) {
      for (ByoipRecords.Cidr other : st.byoipCidrs.values()) {
        if (!other.state.equals("deprovisioned") && other.block.overlaps(block)) {
          throw AwsException.invalidParameterValue(
              "The CIDR " + block + " overlaps the provisioned CIDR " + other.block + ".");
        }
      }
      c = new ByoipRecords.Cidr(block);
      c.description = req.description();
      c.networkBorderGroup = req.networkBorderGroup();
      c.publiclyAdvertisable = advertisable;
      if (block.ipv6()) {
        var pool = new ByoipRecords.Ipv6Pool(Ids.next("ipv6pool-ec2"));
        pool.cidrs.add(block);
        st.ipv6Pools.put(pool.id, pool);
        c.poolId = pool.id;
      } else {
        var pool = new ByoipRecords.PublicPool(Ids.next("ipv4pool-ec2"));
        pool.ranges.add(block);
        pool.networkBorderGroup = req.networkBorderGroup();
        st.publicPools.put(pool.id, pool);
        c.poolId = pool.id;
      }
      st.byoipCidrs.put(block.toString(), c);
    }
    if (!tags.isEmpty()) {
      ctx.tags().add(List.of(c.poolId), tags);
    }
    return ProvisionByoipCidrResponse.builder()
        .byoipCidr(view(c).toBuilder().state("pending-provision").build())
        .build();
  }

  static ByoipCidr view(ByoipRecords.Cidr c) {
    return ByoipCidr.builder()
        .cidr(c.block.toString())
        .description(c.description)
        .state(
            c.state.equals("provisioned") && !c.publiclyAdvertisable
                ? "provisioned-not-publicly-advertisable"
                : c.state)
        .networkBorderGroup(c.networkBorderGroup)
        .asnAssociations(
            c.asnAssociations.keySet().stream()
                .map(a -> association(a, c.block.toString(), "associated"))
                .toList())
        .advertisementType(c.state.equals("advertised") ? "unicast" : null)
        .build();
  }

  private static AsnAssociation association(String asn, String cidr, String state) {
    return AsnAssociation.builder().asn(asn).cidr(cidr).state(state).build();
  }

  private static ByoipRecords.Cidr cidr(IpamState st, String text) {
    if (text == null) {
      throw AwsException.missingParameter("Cidr");
    }
    IpBlock block = IpBlock.parseOrNull(text);
    ByoipRecords.Cidr c = block == null ? null : st.byoipCidrs.get(block.toString());
    if (c == null || c.state.equals("deprovisioned")) {
      throw new AwsException(
          "InvalidByoipCidr.NotFound", "The BYOIP CIDR " + text + " is not provisioned.");
    }
    return c;
  }

  public AdvertiseByoipCidrResponse advertiseByoipCidr(
      RequestContext ctx, AdvertiseByoipCidrRequest req) {
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      ByoipRecords.Cidr c = cidr(st, req.cidr());
      if (!c.publiclyAdvertisable) {
        throw new AwsException(
            "IncorrectState", "The CIDR " + c.block + " was provisioned as not advertisable.");
      }
      if (req.asn() != null && !c.asnAssociations.containsKey(req.asn())) {
        throw AwsException.invalidParameterValue(
            "The ASN " + req.asn() + " is not associated with " + c.block + ".");
      }
      c.state = "advertised";
      c.asn = req.asn();
      return AdvertiseByoipCidrResponse.builder()
          .byoipCidr(view(c).toBuilder().state("pending-advertising").build())
          .build();
    }
  }

  public WithdrawByoipCidrResponse withdrawByoipCidr(
      RequestContext ctx, WithdrawByoipCidrRequest req) {
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      ByoipRecords.Cidr c = cidr(st, req.cidr());
      if (!c.state.equals("advertised")) {
        throw new AwsException("IncorrectState", "The CIDR " + c.block + " is not advertised.");
      }
      c.state = "provisioned";
      return WithdrawByoipCidrResponse.builder()
          .byoipCidr(view(c).toBuilder().state("pending-withdrawal").build())
          .build();
    }
  }

  public DeprovisionByoipCidrResponse deprovisionByoipCidr(
      RequestContext ctx, DeprovisionByoipCidrRequest req) {
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      ByoipRecords.Cidr c = cidr(st, req.cidr());
      if (c.state.equals("advertised")) {
        throw new AwsException(
            "IncorrectState", "The CIDR " + c.block + " is advertised: withdraw it first.");
      }
      var v4 = st.publicPools.get(c.poolId);
      var v6 = st.ipv6Pools.get(c.poolId);
      if ((v4 != null && !v4.used.isEmpty()) || (v6 != null && !v6.associated.isEmpty())) {
        throw new AwsException(
            "InvalidAddress.InUse", "Addresses of " + c.block + " are in use: release them first.");
      }
      st.publicPools.remove(c.poolId);
      st.ipv6Pools.remove(c.poolId);
      c.state = "deprovisioned";
      var answer = view(c).toBuilder().state("pending-deprovision").build();
      st.byoipCidrs.remove(c.block.toString());
      return DeprovisionByoipCidrResponse.builder().byoipCidr(answer).build();
    }
  }

  public DescribeByoipCidrsResponse describeByoipCidrs(
      RequestContext ctx, DescribeByoipCidrsRequest req) {
    if (req.maxResults() == null) {
      throw AwsException.missingParameter("MaxResults");
    }
    IpamState st = IpamState.of(ctx.state());
    List<ByoipCidr> all;
    synchronized (st) {
      all = st.byoipCidrs.values().stream().map(ByoipService::view).toList();
    }
    var page = IpamPoolsService.page(ctx, all, req.maxResults(), req.nextToken());
    return DescribeByoipCidrsResponse.builder()
        .byoipCidrs(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** The CIDR leaves BYOIP's pools and becomes a provisioned CIDR of a public-scope IPAM pool. */
  public MoveByoipCidrToIpamResponse moveByoipCidrToIpam(
      RequestContext ctx, MoveByoipCidrToIpamRequest req) {
    if (req.ipamPoolId() == null || req.ipamPoolOwner() == null) {
      throw AwsException.missingParameter(
          req.ipamPoolId() == null ? "IpamPoolId" : "IpamPoolOwner");
    }
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      ByoipRecords.Cidr c = cidr(st, req.cidr());
      PoolRecords.Pool pool = IpamPools.KIND.get(ctx.state(), req.ipamPoolId());
      if (!pool.scopeType.equals("public") || pool.ipv6() != c.block.ipv6()) {
        throw AwsException.invalidParameterValue(
            "The pool " + pool.id + " is not a public-scope pool of the CIDR's address family.");
      }
      if (!req.ipamPoolOwner().equals(ctx.account())) {
        throw AwsException.invalidParameterValue(
            "The pool " + pool.id + " is not owned by " + req.ipamPoolOwner() + ".");
      }
      pool.cidrs.add(new PoolRecords.PoolCidr(IpamPoolsService.cidrId(), c.block));
      return MoveByoipCidrToIpamResponse.builder()
          .byoipCidr(view(c).toBuilder().state("provisioned").build())
          .build();
    }
  }

  public ProvisionIpamByoasnResponse provisionIpamByoasn(
      RequestContext ctx, ProvisionIpamByoasnRequest req) {
    if (req.ipamId() == null || req.asn() == null || req.asnAuthorizationContext() == null) {
      throw AwsException.missingParameter(
          req.ipamId() == null ? "IpamId" : req.asn() == null ? "Asn" : "AsnAuthorizationContext");
    }
    String asn = asn(req.asn());
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      Ipams.IPAM.get(ctx.state(), req.ipamId());
      if (st.asns.containsKey(asn)) {
        throw AwsException.invalidParameterValue("The ASN " + asn + " is already provisioned.");
      }
      var a = new ByoipRecords.Asn(asn, req.ipamId());
      st.asns.put(asn, a);
      return ProvisionIpamByoasnResponse.builder()
          .byoasn(asnView(a).toBuilder().state("pending-provision").build())
          .build();
    }
  }

  private static String asn(String asn) {
    if (!asn.matches("\\d{1,10}") || Long.parseLong(asn) > 4294967295L) {
      throw AwsException.invalidParameterValue("Value (" + asn + ") for parameter Asn is invalid.");
    }
    return asn;
  }

  private static Byoasn asnView(ByoipRecords.Asn a) {
    return Byoasn.builder().asn(a.asn).ipamId(a.ipamId).state(a.state).build();
  }

  private static ByoipRecords.Asn provisioned(IpamState st, String asn) {
    if (asn == null) {
      throw AwsException.missingParameter("Asn");
    }
    ByoipRecords.Asn a = st.asns.get(asn);
    if (a == null) {
      throw new AwsException("InvalidAsn.NotFound", "The ASN " + asn + " is not provisioned.");
    }
    return a;
  }

  public DeprovisionIpamByoasnResponse deprovisionIpamByoasn(
      RequestContext ctx, DeprovisionIpamByoasnRequest req) {
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      ByoipRecords.Asn a = provisioned(st, req.asn());
      if (!a.ipamId.equals(req.ipamId())) {
        throw AwsException.invalidParameterValue(
            "The ASN " + a.asn + " is provisioned to " + a.ipamId + ".");
      }
      if (st.byoipCidrs.values().stream().anyMatch(c -> c.asnAssociations.containsKey(a.asn))) {
        throw new AwsException(
            "DependencyViolation", "The ASN " + a.asn + " is associated with CIDRs.");
      }
      st.asns.remove(a.asn);
      return DeprovisionIpamByoasnResponse.builder()
          .byoasn(asnView(a).toBuilder().state("deprovisioned").build())
          .build();
    }
  }

  public DescribeIpamByoasnResponse describeIpamByoasn(
      RequestContext ctx, DescribeIpamByoasnRequest req) {
    IpamState st = IpamState.of(ctx.state());
    List<Byoasn> all;
    synchronized (st) {
      all = st.asns.values().stream().map(ByoipService::asnView).toList();
    }
    var page = IpamPoolsService.page(ctx, all, req.maxResults(), req.nextToken());
    return DescribeIpamByoasnResponse.builder()
        .byoasns(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  public AssociateIpamByoasnResponse associateIpamByoasn(
      RequestContext ctx, AssociateIpamByoasnRequest req) {
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      ByoipRecords.Asn a = provisioned(st, req.asn());
      ByoipRecords.Cidr c = cidr(st, req.cidr());
      c.asnAssociations.put(a.asn, "associated");
      return AssociateIpamByoasnResponse.builder()
          .asnAssociation(association(a.asn, c.block.toString(), "pending-association"))
          .build();
    }
  }

  public DisassociateIpamByoasnResponse disassociateIpamByoasn(
      RequestContext ctx, DisassociateIpamByoasnRequest req) {
    IpamState st = IpamState.of(ctx.state());
    synchronized (st) {
      ByoipRecords.Asn a = provisioned(st, req.asn());
      ByoipRecords.Cidr c = cidr(st, req.cidr());
      if (c.asnAssociations.remove(a.asn) == null) {
        throw AwsException.invalidParameterValue(
            "The ASN " + a.asn + " is not associated with " + c.block + ".");
      }
      return DisassociateIpamByoasnResponse.builder()
          .asnAssociation(association(a.asn, c.block.toString(), "pending-disassociation"))
          .build();
    }
  }
}
