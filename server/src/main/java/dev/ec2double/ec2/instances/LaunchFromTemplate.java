package dev.ec2double.ec2.instances;

import dev.ec2double.core.RequestContext;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

/**
 * RunInstances with a {@code LaunchTemplate}: the launch templates feature resolves the template,
 * merges its values under the request's, has the merged request (which names no template) launched
 * by {@code run}, and adds what EC2 adds to instances launched from a template. Owned here so that
 * instances never depend on the feature that answers it.
 */
public interface LaunchFromTemplate {
  RunInstancesResponse launch(
      RequestContext ctx,
      RunInstancesRequest req,
      Function<RunInstancesRequest, RunInstancesResponse> run);

  /** What a server without the launch templates feature answers. */
  LaunchFromTemplate NONE =
      (ctx, req, run) -> {
        throw new dev.ec2double.errors.AwsException(
            "UnsupportedOperation", "ec2-double does not support launch templates here.");
      };
}
