package dev.ec2double.ec2.verifiedaccess;

import static dev.ec2double.ec2.verifiedaccess.TrustProvidersService.required;

import dev.ec2double.core.RequestContext;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessGroupRequest;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessGroupResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVerifiedAccessGroupRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVerifiedAccessGroupResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVerifiedAccessGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVerifiedAccessGroupsResponse;
import software.amazon.awssdk.services.ec2.model.GetVerifiedAccessGroupPolicyRequest;
import software.amazon.awssdk.services.ec2.model.GetVerifiedAccessGroupPolicyResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessGroupPolicyRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessGroupPolicyResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessGroupRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessGroupResponse;

/**
 * Verified Access groups: endpoints that share a policy, in one instance. A group with endpoints
 * cannot be deleted.
 */
public final class AccessGroupsService {

  public CreateVerifiedAccessGroupResponse createVerifiedAccessGroup(
      RequestContext ctx, CreateVerifiedAccessGroupRequest req) {
    var tags = AccessGroups.KIND.tags(req.tagSpecifications());
    String instanceId = required(req.verifiedAccessInstanceId(), "VerifiedAccessInstanceId");
    AccessStore.Policy policy = Policies.initial(req.policyDocument());
    var sse = Policies.sse(req.sseSpecification(), null);
    AccessStore.Group g =
        AccessGroups.KIND.create(
            ctx,
            tags,
            id -> {
              AccessInstances.KIND.get(ctx.state(), instanceId);
              var made = new AccessStore.Group(id, req.description(), instanceId);
              made.policy = policy;
              made.sse = sse;
              return made;
            });
    return CreateVerifiedAccessGroupResponse.builder()
        .verifiedAccessGroup(AccessGroups.KIND.view(ctx, g))
        .build();
  }

  /** The groups of the ids, or of the instance, or all of them. */
  public DescribeVerifiedAccessGroupsResponse describeVerifiedAccessGroups(
      RequestContext ctx, DescribeVerifiedAccessGroupsRequest req) {
    String instance = req.verifiedAccessInstanceId();
    if (instance != null) {
      AccessInstances.KIND.get(ctx.state(), instance);
    }
    var page =
        AccessGroups.KIND.describe(ctx, req.verifiedAccessGroupIds(), req.filters(), null, null);
    var items =
        page.items().stream()
            .filter(g -> instance == null || instance.equals(g.verifiedAccessInstanceId()))
            .toList();
    var paged =
        dev.ec2double.core.Pages.page(ctx.action(), items, req.maxResults(), req.nextToken());
    return DescribeVerifiedAccessGroupsResponse.builder()
        .verifiedAccessGroups(paged.items())
        .nextToken(paged.nextToken())
        .build();
  }

  /** A new description, or a move to another instance. */
  public ModifyVerifiedAccessGroupResponse modifyVerifiedAccessGroup(
      RequestContext ctx, ModifyVerifiedAccessGroupRequest req) {
    String id = required(req.verifiedAccessGroupId(), "VerifiedAccessGroupId");
    AccessStore store = AccessStore.of(ctx.state());
    synchronized (store) {
      AccessStore.Group g = AccessGroups.KIND.get(ctx.state(), id);
      if (req.verifiedAccessInstanceId() != null) {
        AccessInstances.KIND.get(ctx.state(), req.verifiedAccessInstanceId());
        g.instanceId = req.verifiedAccessInstanceId();
        store.endpoints.values().stream()
            .filter(e -> e.groupId.equals(g.id))
            .forEach(e -> e.instanceId = g.instanceId);
      }
      if (req.description() != null) {
        g.description = req.description();
      }
      g.touch();
      return ModifyVerifiedAccessGroupResponse.builder()
          .verifiedAccessGroup(AccessGroups.KIND.view(ctx, g))
          .build();
    }
  }

  public DeleteVerifiedAccessGroupResponse deleteVerifiedAccessGroup(
      RequestContext ctx, DeleteVerifiedAccessGroupRequest req) {
    String id = required(req.verifiedAccessGroupId(), "VerifiedAccessGroupId");
    var view = AccessGroups.KIND.view(ctx, AccessGroups.KIND.get(ctx.state(), id));
    AccessGroups.KIND.delete(ctx, id);
    return DeleteVerifiedAccessGroupResponse.builder()
        .verifiedAccessGroup(view.toBuilder().deletionTime(AccessStore.now()).build())
        .build();
  }

  public GetVerifiedAccessGroupPolicyResponse getVerifiedAccessGroupPolicy(
      RequestContext ctx, GetVerifiedAccessGroupPolicyRequest req) {
    String id = required(req.verifiedAccessGroupId(), "VerifiedAccessGroupId");
    AccessStore.Policy p = AccessGroups.KIND.modify(ctx, id, g -> g.policy);
    return GetVerifiedAccessGroupPolicyResponse.builder()
        .policyEnabled(p.enabled())
        .policyDocument(p.document())
        .build();
  }

  public ModifyVerifiedAccessGroupPolicyResponse modifyVerifiedAccessGroupPolicy(
      RequestContext ctx, ModifyVerifiedAccessGroupPolicyRequest req) {
    String id = required(req.verifiedAccessGroupId(), "VerifiedAccessGroupId");
    AccessStore.Group g =
        AccessGroups.KIND.modify(
            ctx,
            id,
            r -> {
              var policy = Policies.modified(r.policy, req.policyEnabled(), req.policyDocument());
              var sse = Policies.sse(req.sseSpecification(), r.sse);
              r.policy = policy;
              r.sse = sse;
              r.touch();
              return r;
            });
    return ModifyVerifiedAccessGroupPolicyResponse.builder()
        .policyEnabled(g.policy.enabled())
        .policyDocument(g.policy.document())
        .sseSpecification(g.sse)
        .build();
  }
}
