package dev.ec2double.elbv2.tags;

import dev.ec2double.core.RequestContext;
import dev.ec2double.elbv2.Elbv2Errors;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.Elbv2Tags;
import dev.ec2double.elbv2.runtime.Elbv2;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

/**
 * AddTags, RemoveTags and DescribeTags on load balancers, target groups, listeners, rules and trust
 * stores.
 */
public final class Elbv2TagsService {
  private final Elbv2 elbv2;

  public Elbv2TagsService(Elbv2 elbv2) {
    this.elbv2 = elbv2;
  }

  public AddTagsResponse addTags(RequestContext ctx, AddTagsRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    Elbv2Tags.validate(req.tags());
    synchronized (store) {
      req.resourceArns().forEach(arn -> requireExisting(store, arn));
      for (String arn : req.resourceArns()) {
        Map<String, String> before = new LinkedHashMap<>(store.tags.getOrDefault(arn, Map.of()));
        try {
          Elbv2Tags.put(store, arn, req.tags());
        } catch (AwsException e) {
          store.tags.put(arn, before);
          throw e;
        }
      }
    }
    return AddTagsResponse.builder().build();
  }

  public RemoveTagsResponse removeTags(RequestContext ctx, RemoveTagsRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    synchronized (store) {
      req.resourceArns().forEach(arn -> requireExisting(store, arn));
      for (String arn : req.resourceArns()) {
        Map<String, String> kept = new LinkedHashMap<>(store.tags.getOrDefault(arn, Map.of()));
        req.tagKeys().forEach(kept::remove);
        store.tags.put(arn, kept);
      }
    }
    return RemoveTagsResponse.builder().build();
  }

  public DescribeTagsResponse describeTags(RequestContext ctx, DescribeTagsRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    if (req.resourceArns().size() > 20) {
      throw Elbv2Errors.validation("At most 20 resource ARNs can be described at once");
    }
    List<TagDescription> out = new ArrayList<>();
    for (String arn : req.resourceArns()) {
      requireExisting(store, arn);
      out.add(TagDescription.builder().resourceArn(arn).tags(Elbv2Tags.of(store, arn)).build());
    }
    return DescribeTagsResponse.builder().tagDescriptions(out).build();
  }

  private static void requireExisting(Elbv2Store store, String arn) {
    if (arn == null) {
      throw Elbv2Errors.validation("A resource ARN must be specified");
    }
    if (arn.contains(":loadbalancer/")) {
      store.loadBalancer(arn);
    } else if (arn.contains(":targetgroup/")) {
      store.targetGroup(arn);
    } else if (arn.contains(":truststore/")) {
      store.trustStore(arn);
    } else if (arn.contains(":listener/")) {
      store.listener(arn);
    } else if (arn.contains(":listener-rule/")) {
      if (!store.rules.containsKey(arn) && store.listenerByDefaultRule(arn) == null) {
        throw Elbv2Errors.ruleNotFound(arn);
      }
    } else {
      throw Elbv2Errors.validation("'" + arn + "' is not a valid ARN");
    }
  }
}
