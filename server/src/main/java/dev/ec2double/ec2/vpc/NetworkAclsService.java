package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Ids;
import dev.ec2double.core.RequestContext;
import dev.ec2double.core.kinds.ResourceKind;
import dev.ec2double.errors.AwsException;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CreateNetworkAclEntryRequest;
import software.amazon.awssdk.services.ec2.model.CreateNetworkAclEntryResponse;
import software.amazon.awssdk.services.ec2.model.CreateNetworkAclRequest;
import software.amazon.awssdk.services.ec2.model.CreateNetworkAclResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkAclEntryRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkAclEntryResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkAclRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkAclResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkAclsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkAclsResponse;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.ReplaceNetworkAclAssociationRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceNetworkAclAssociationResponse;
import software.amazon.awssdk.services.ec2.model.ReplaceNetworkAclEntryRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceNetworkAclEntryResponse;

/**
 * The network ACL actions. Every change that can alter what passes a subnet's boundary is handed to
 * the {@link NetworkAclEnforcer}, which has the backend filter the subnets' traffic by it.
 */
public final class NetworkAclsService {
  private static final ResourceKind<NetworkAclRecord, NetworkAcl> KIND = NetworkAcls.KIND;
  private final NetworkAclEnforcer enforcer;

  public NetworkAclsService(NetworkAclEnforcer enforcer) {
    this.enforcer = enforcer;
  }

  public CreateNetworkAclResponse createNetworkAcl(
      RequestContext ctx, CreateNetworkAclRequest req) {
    if (req.vpcId() == null) {
      throw AwsException.missingParameter("vpcId");
    }
    var tags = KIND.tags(req.tagSpecifications());
    VpcState st = VpcState.of(ctx.state());
    NetworkAclRecord acl =
        KIND.create(ctx, tags, id -> new NetworkAclRecord(id, st.vpc(req.vpcId()).id, false));
    return CreateNetworkAclResponse.builder()
        .networkAcl(KIND.view(ctx, acl))
        .clientToken(req.clientToken())
        .build();
  }

  public DescribeNetworkAclsResponse describeNetworkAcls(
      RequestContext ctx, DescribeNetworkAclsRequest req) {
    var page =
        KIND.describe(ctx, req.networkAclIds(), req.filters(), req.maxResults(), req.nextToken());
    return DescribeNetworkAclsResponse.builder()
        .networkAcls(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** The default ACL stays with its VPC; an ACL a subnet is associated with is in use. */
  public DeleteNetworkAclResponse deleteNetworkAcl(
      RequestContext ctx, DeleteNetworkAclRequest req) {
    if (KIND.get(ctx.state(), req.networkAclId()).isDefault) {
      throw AwsException.invalidParameterValue(
          "cannot delete default network ACL " + req.networkAclId());
    }
    KIND.delete(ctx, req.networkAclId());
    return DeleteNetworkAclResponse.builder().build();
  }

  public CreateNetworkAclEntryResponse createNetworkAclEntry(
      RequestContext ctx, CreateNetworkAclEntryRequest req) {
    NetworkAclEntryRecord entry = NetworkAclEntries.of(req);
    KIND.modify(
        ctx,
        req.networkAclId(),
        acl -> {
          if (acl.entry(entry.ruleNumber(), entry.egress()) != null) {
            throw new AwsException(
                "NetworkAclEntryAlreadyExists",
                "The network acl entry identified by " + entry.ruleNumber() + " already exists.");
          }
          return acl.entries.add(entry);
        });
    enforcer.refresh(ctx.state());
    return CreateNetworkAclEntryResponse.builder().build();
  }

  public ReplaceNetworkAclEntryResponse replaceNetworkAclEntry(
      RequestContext ctx, ReplaceNetworkAclEntryRequest req) {
    NetworkAclEntryRecord entry = NetworkAclEntries.of(NetworkAclEntries.asCreate(req));
    KIND.modify(
        ctx,
        req.networkAclId(),
        acl -> {
          NetworkAclEntryRecord old = existing(acl, entry.ruleNumber(), entry.egress());
          return acl.entries.set(acl.entries.indexOf(old), entry);
        });
    enforcer.refresh(ctx.state());
    return ReplaceNetworkAclEntryResponse.builder().build();
  }

  public DeleteNetworkAclEntryResponse deleteNetworkAclEntry(
      RequestContext ctx, DeleteNetworkAclEntryRequest req) {
    int number = NetworkAclEntries.ruleNumber(req.ruleNumber());
    if (req.egress() == null) {
      throw AwsException.missingParameter("egress");
    }
    KIND.modify(
        ctx, req.networkAclId(), acl -> acl.entries.remove(existing(acl, number, req.egress())));
    enforcer.refresh(ctx.state());
    return DeleteNetworkAclEntryResponse.builder().build();
  }

  private static NetworkAclEntryRecord existing(NetworkAclRecord acl, int number, boolean egress) {
    NetworkAclEntryRecord e = acl.entry(number, egress);
    if (e == null) {
      throw new AwsException(
          "InvalidNetworkAclEntry.NotFound",
          "The network acl entry identified by " + number + " does not exist.");
    }
    return e;
  }

  /**
   * Moves a subnet from the ACL its association is with to another ACL of its VPC, under a new
   * association id.
   */
  public ReplaceNetworkAclAssociationResponse replaceNetworkAclAssociation(
      RequestContext ctx, ReplaceNetworkAclAssociationRequest req) {
    if (req.associationId() == null) {
      throw AwsException.missingParameter("associationId");
    }
    VpcState st = VpcState.of(ctx.state());
    String newId;
    synchronized (st) {
      NetworkAclRecord target = KIND.get(ctx.state(), req.networkAclId());
      NetworkAclRecord from = null;
      String subnetId = null;
      for (NetworkAclRecord a : st.networkAcls.values()) {
        for (Map.Entry<String, String> e : a.associations.entrySet()) {
          if (e.getValue().equals(req.associationId())) {
            from = a;
            subnetId = e.getKey();
          }
        }
      }
      if (from == null) {
        throw new AwsException(
            "InvalidAssociationID.NotFound",
            "The association ID '" + req.associationId() + "' does not exist");
      }
      if (!target.vpcId.equals(from.vpcId)) {
        throw AwsException.invalidParameterValue(
            "Network ACL "
                + target.id
                + " and subnet "
                + subnetId
                + " belong to different networks.");
      }
      from.associations.remove(subnetId);
      newId = Ids.next("aclassoc");
      target.associations.put(subnetId, newId);
    }
    enforcer.refresh(ctx.state());
    return ReplaceNetworkAclAssociationResponse.builder().newAssociationId(newId).build();
  }
}
