package dev.ec2double.ec2.snapshots;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.DisableSnapshotBlockPublicAccessRequest;
import software.amazon.awssdk.services.ec2.model.DisableSnapshotBlockPublicAccessResponse;
import software.amazon.awssdk.services.ec2.model.EnableSnapshotBlockPublicAccessRequest;
import software.amazon.awssdk.services.ec2.model.EnableSnapshotBlockPublicAccessResponse;
import software.amazon.awssdk.services.ec2.model.GetSnapshotBlockPublicAccessStateRequest;
import software.amazon.awssdk.services.ec2.model.GetSnapshotBlockPublicAccessStateResponse;

/**
 * Block public access for snapshots, per account and region: while on, ModifySnapshotAttribute
 * refuses to make a snapshot public (both states). Snapshots already public stay public: ec2-double
 * records {@code block-all-sharing} but does not hide them from other accounts.
 */
public final class SnapshotBlockPublicAccessService {
  private static final Set<String> STATES = Set.of("block-all-sharing", "block-new-sharing");

  public GetSnapshotBlockPublicAccessStateResponse getSnapshotBlockPublicAccessState(
      RequestContext ctx, GetSnapshotBlockPublicAccessStateRequest req) {
    return GetSnapshotBlockPublicAccessStateResponse.builder()
        .state(SnapshotSettings.of(ctx.state()).blockPublicAccess)
        .managedBy("account")
        .build();
  }

  public EnableSnapshotBlockPublicAccessResponse enableSnapshotBlockPublicAccess(
      RequestContext ctx, EnableSnapshotBlockPublicAccessRequest req) {
    String state = req.stateAsString();
    if (state == null) {
      throw AwsException.missingParameter("State");
    }
    if (!STATES.contains(state)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + state
              + ") for parameter State is invalid. Valid values: block-all-sharing,"
              + " block-new-sharing.");
    }
    SnapshotSettings.of(ctx.state()).blockPublicAccess = state;
    ctx.state().changed();
    return EnableSnapshotBlockPublicAccessResponse.builder().state(state).build();
  }

  public DisableSnapshotBlockPublicAccessResponse disableSnapshotBlockPublicAccess(
      RequestContext ctx, DisableSnapshotBlockPublicAccessRequest req) {
    SnapshotSettings.of(ctx.state()).blockPublicAccess = "unblocked";
    ctx.state().changed();
    return DisableSnapshotBlockPublicAccessResponse.builder().state("unblocked").build();
  }
}
