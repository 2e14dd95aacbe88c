package dev.ec2double.ec2.spot;

import dev.ec2double.core.RequestContext;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

/**
 * How the Spot feature launches the instances of its requests: as RunInstances launches them,
 * instance {@code i} belonging to request {@code spotRequestIds.get(i)}. The server answers it with
 * {@code InstancesService.runSpot}, so Spot Instances are real instances.
 */
public interface SpotLaunches {
  RunInstancesResponse launch(
      RequestContext ctx, RunInstancesRequest req, List<String> spotRequestIds);
}
