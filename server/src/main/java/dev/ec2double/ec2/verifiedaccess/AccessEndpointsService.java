package dev.ec2double.ec2.verifiedaccess;

import static dev.ec2double.ec2.verifiedaccess.TrustProvidersService.required;

import dev.ec2double.core.Ids;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessEndpointRequest;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessEndpointResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVerifiedAccessEndpointRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVerifiedAccessEndpointResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVerifiedAccessEndpointsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVerifiedAccessEndpointsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessEndpointRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessEndpointResponse;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpoint;

/**
 * Verified Access endpoints: an application behind a load balancer or a network interface (http,
 * https or tcp), an RDS database or a CIDR range (tcp), in a group. Create answers {@code pending},
 * Modify {@code updating}, Delete {@code deleting}; Describe shows {@code active}, then {@code
 * deleted}. Records: no Verified Access proxy runs, so the endpoint domain resolves nowhere.
 */
public final class AccessEndpointsService {
  private static final List<String> TYPES =
      List.of("load-balancer", "network-interface", "rds", "cidr");
  private static final Pattern CERTIFICATE =
      Pattern.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]{8,64}");
  private static final Pattern PREFIX = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  public CreateVerifiedAccessEndpointResponse createVerifiedAccessEndpoint(
      RequestContext ctx, CreateVerifiedAccessEndpointRequest req) {
    var tags = AccessEndpoints.KIND.tags(req.tagSpecifications());
    String groupId = required(req.verifiedAccessGroupId(), "VerifiedAccessGroupId");
    String type = required(req.endpointTypeAsString(), "EndpointType");
    if (!TYPES.contains(type)) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + type + "' for EndpointType: one of " + TYPES);
    }
    String attachment = required(req.attachmentTypeAsString(), "AttachmentType");
    if (!attachment.equals("vpc")) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + attachment + "' for AttachmentType: vpc");
    }
    AccessGroups.KIND.get(ctx.state(), groupId);
    EndpointSpecs.Spec spec = EndpointSpecs.create(ctx, type, req);
    boolean web = !spec.protocol().equals("tcp");
    String domain = web(web, req.applicationDomain(), "ApplicationDomain");
    String certificate = web(web, req.domainCertificateArn(), "DomainCertificateArn");
    String prefix = web(web, req.endpointDomainPrefix(), "EndpointDomainPrefix");
    if (domain != null) {
      EndpointNetwork.host(domain, "ApplicationDomain");
    }
    if (certificate != null && !CERTIFICATE.matcher(certificate).matches()) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + certificate + "' for DomainCertificateArn: not an ACM certificate");
    }
    if (prefix != null && !PREFIX.matcher(prefix).matches()) {
      throw AwsException.invalidParameterValue(
          "Invalid value '"
              + prefix
              + "' for EndpointDomainPrefix: lowercase letters, digits and hyphens, at most 63");
    }
    EndpointNetwork.securityGroups(ctx, spec.vpc(), req.securityGroupIds());
    var policy = Policies.initial(req.policyDocument());
    var sse = Policies.sse(req.sseSpecification(), null);
    AccessStore.Endpoint e =
        AccessEndpoints.KIND.create(
            ctx,
            tags,
            id -> {
              AccessStore.Group g = AccessGroups.KIND.get(ctx.state(), groupId);
              var made =
                  new AccessStore.Endpoint(
                      id,
                      req.description(),
                      type,
                      domain,
                      certificate,
                      prefix == null ? null : endpointDomain(ctx, prefix, g.instanceId));
              made.groupId = g.id;
              made.instanceId = g.instanceId;
              made.securityGroups.addAll(new java.util.LinkedHashSet<>(req.securityGroupIds()));
              made.loadBalancer = spec.loadBalancer();
              made.networkInterface = spec.networkInterface();
              made.rds = spec.rds();
              made.cidr = spec.cidr();
              made.policy = policy;
              made.sse = sse;
              return made;
            });
    return CreateVerifiedAccessEndpointResponse.builder()
        .verifiedAccessEndpoint(answer(ctx, e, "pending"))
        .build();
  }

  /** An http or https endpoint needs the value; a tcp one may have it. */
  private static String web(boolean web, String value, String name) {
    if (web && value == null) {
      throw AwsException.missingParameter(name);
    }
    return value;
  }

  private static String endpointDomain(RequestContext ctx, String prefix, String instanceId) {
    return prefix
        + "."
        + Ids.next("edge")
        + "."
        + instanceId
        + ".prod.verified-access."
        + ctx.region()
        + ".amazonaws.com";
  }

  private static VerifiedAccessEndpoint answer(
      RequestContext ctx, AccessStore.Endpoint e, String status) {
    return AccessEndpoints.KIND.view(ctx, e).toBuilder().status(s -> s.code(status)).build();
  }

  /** By ids, or the endpoints of a group or an instance, or all of them. */
  public DescribeVerifiedAccessEndpointsResponse describeVerifiedAccessEndpoints(
      RequestContext ctx, DescribeVerifiedAccessEndpointsRequest req) {
    String group = req.verifiedAccessGroupId();
    String instance = req.verifiedAccessInstanceId();
    if (group != null) {
      AccessGroups.KIND.get(ctx.state(), group);
    }
    if (instance != null) {
      AccessInstances.KIND.get(ctx.state(), instance);
    }
    var all =
        AccessEndpoints.KIND.describe(
            ctx, req.verifiedAccessEndpointIds(), req.filters(), null, null);
    var items =
        all.items().stream()
            .filter(e -> group == null || group.equals(e.verifiedAccessGroupId()))
            .filter(e -> instance == null || instance.equals(e.verifiedAccessInstanceId()))
            .toList();
    var page =
        dev.ec2double.core.Pages.page(ctx.action(), items, req.maxResults(), req.nextToken());
    return DescribeVerifiedAccessEndpointsResponse.builder()
        .verifiedAccessEndpoints(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** Options of the endpoint's type, a description, or a group of the same instance. */
  public ModifyVerifiedAccessEndpointResponse modifyVerifiedAccessEndpoint(
      RequestContext ctx, ModifyVerifiedAccessEndpointRequest req) {
    return AccessEndpoints.withLive(
        ctx,
        req.verifiedAccessEndpointId(),
        e -> {
          String group = req.verifiedAccessGroupId();
          if (group != null) {
            AccessStore.Group g = AccessGroups.KIND.get(ctx.state(), group);
            if (!g.instanceId.equals(e.instanceId)) {
              throw AwsException.invalidParameterValue(
                  "Group "
                      + g.id
                      + " is not in the endpoint's Verified Access instance "
                      + e.instanceId);
            }
          }
          EndpointSpecs.modify(ctx, e, req);
          if (group != null) {
            e.groupId = group;
          }
          if (req.description() != null) {
            e.description = req.description();
          }
          e.touch();
          return ModifyVerifiedAccessEndpointResponse.builder()
              .verifiedAccessEndpoint(answer(ctx, e, "updating"))
              .build();
        });
  }

  public DeleteVerifiedAccessEndpointResponse deleteVerifiedAccessEndpoint(
      RequestContext ctx, DeleteVerifiedAccessEndpointRequest req) {
    return AccessEndpoints.withLive(
        ctx,
        req.verifiedAccessEndpointId(),
        e -> {
          e.status = "deleted";
          e.deletionTime = AccessStore.now();
          e.touch();
          return DeleteVerifiedAccessEndpointResponse.builder()
              .verifiedAccessEndpoint(answer(ctx, e, "deleting"))
              .build();
        });
  }
}
