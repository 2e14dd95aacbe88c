package dev.ec2double.ec2.clientvpn;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import software.amazon.awssdk.services.ec2.model.DeleteClientVpnEndpointAuthorizationPolicyRequest;
import software.amazon.awssdk.services.ec2.model.DeleteClientVpnEndpointAuthorizationPolicyResponse;
import software.amazon.awssdk.services.ec2.model.GetClientVpnEndpointAuthorizationPolicyRequest;
import software.amazon.awssdk.services.ec2.model.GetClientVpnEndpointAuthorizationPolicyResponse;
import software.amazon.awssdk.services.ec2.model.ModifyClientVpnEndpointAuthorizationPolicyRequest;
import software.amazon.awssdk.services.ec2.model.ModifyClientVpnEndpointAuthorizationPolicyResponse;

/**
 * An endpoint's one authorization policy (a Cedar document, kept as given: no client connects, so
 * nothing evaluates it). Modify creates it (a document is then required) or replaces the values
 * given and keeps the others; shadow mode is {@code disabled} unless asked.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyClientVpnEndpointAuthorizationPolicy.html
 */
public final class AuthorizationPolicyService {
  /** AWS's size limit of a policy document. */
  static final int MAX_DOCUMENT = 20_480;

  public ModifyClientVpnEndpointAuthorizationPolicyResponse
      modifyClientVpnEndpointAuthorizationPolicy(
          RequestContext ctx, ModifyClientVpnEndpointAuthorizationPolicyRequest req) {
    String shadow = EndpointInputs.enabledOrDisabled(req.shadowModeAsString(), "ShadowMode", null);
    String document = req.policyDocument();
    if (document != null && (document.isBlank() || document.length() > MAX_DOCUMENT)) {
      throw AwsException.invalidParameterValue(
          "The policy document must have between 1 and " + MAX_DOCUMENT + " characters.");
    }
    ClientVpnStore s = ClientVpnStore.of(ctx.state());
    synchronized (s) {
      ClientVpnStore.Endpoint e = ClientVpnEndpoints.get(ctx, req.clientVpnEndpointId());
      ClientVpnStore.Policy was = e.policy;
      if (was == null && document == null) {
        throw AwsException.missingParameter("PolicyDocument");
      }
      e.policy =
          new ClientVpnStore.Policy(
              document != null ? document : was.document(),
              req.description() != null
                  ? req.description()
                  : was == null ? null : was.description(),
              shadow != null ? shadow : was == null ? "disabled" : was.shadowMode());
      return ModifyClientVpnEndpointAuthorizationPolicyResponse.builder()
          .status(was == null ? "creating" : "updating")
          .build();
    }
  }

  /** The policy, or only the endpoint's id when it has none. */
  public GetClientVpnEndpointAuthorizationPolicyResponse getClientVpnEndpointAuthorizationPolicy(
      RequestContext ctx, GetClientVpnEndpointAuthorizationPolicyRequest req) {
    ClientVpnStore s = ClientVpnStore.of(ctx.state());
    synchronized (s) {
      ClientVpnStore.Endpoint e = ClientVpnEndpoints.get(ctx, req.clientVpnEndpointId());
      var b = GetClientVpnEndpointAuthorizationPolicyResponse.builder().clientVpnEndpointId(e.id);
      if (e.policy != null) {
        b.policyDocument(e.policy.document())
            .description(e.policy.description())
            .shadowMode(e.policy.shadowMode())
            .status("active");
      }
      return b.build();
    }
  }

  public DeleteClientVpnEndpointAuthorizationPolicyResponse
      deleteClientVpnEndpointAuthorizationPolicy(
          RequestContext ctx, DeleteClientVpnEndpointAuthorizationPolicyRequest req) {
    ClientVpnStore s = ClientVpnStore.of(ctx.state());
    synchronized (s) {
      ClientVpnStore.Endpoint e = ClientVpnEndpoints.get(ctx, req.clientVpnEndpointId());
      if (e.policy == null) {
        throw AwsException.invalidParameterValue(e.id + " has no authorization policy.");
      }
      e.policy = null;
    }
    return DeleteClientVpnEndpointAuthorizationPolicyResponse.builder().status("deleting").build();
  }
}
