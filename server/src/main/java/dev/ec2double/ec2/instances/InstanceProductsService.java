package dev.ec2double.ec2.instances;

import dev.ec2double.core.FilterSpec;
import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.ConfirmProductInstanceRequest;
import software.amazon.awssdk.services.ec2.model.ConfirmProductInstanceResponse;
import software.amazon.awssdk.services.ec2.model.DescribeElasticGpusRequest;
import software.amazon.awssdk.services.ec2.model.DescribeElasticGpusResponse;
import software.amazon.awssdk.services.ec2.model.ElasticGpus;

/**
 * What may be attached to an instance beyond its type: product codes (ConfirmProductInstance; no
 * AMI here carries one, so none is ever attached) and Elastic Graphics accelerators
 * (DescribeElasticGpus; the service reached its end of life on 8 January 2024 and none can exist).
 */
public final class InstanceProductsService {
  private static final FilterSpec<ElasticGpus> GPU_FILTERS =
      FilterSpec.<ElasticGpus>of()
          .field("availability-zone", ElasticGpus::availabilityZone)
          .field("elastic-gpu-health", g -> g.elasticGpuHealth().statusAsString())
          .field("elastic-gpu-state", ElasticGpus::elasticGpuStateAsString)
          .field("elastic-gpu-type", ElasticGpus::elasticGpuType)
          .field("instance-id", ElasticGpus::instanceId);

  /** False without an owner: the product code is not attached to the instance. */
  public ConfirmProductInstanceResponse confirmProductInstance(
      RequestContext ctx, ConfirmProductInstanceRequest req) {
    if (req.productCode() == null) {
      throw AwsException.missingParameter("ProductCode");
    }
    Instances.require(ctx, req.instanceId());
    return ConfirmProductInstanceResponse.builder().returnValue(false).build();
  }

  public DescribeElasticGpusResponse describeElasticGpus(
      RequestContext ctx, DescribeElasticGpusRequest req) {
    GPU_FILTERS.compile(req.filters());
    if (!req.elasticGpuIds().isEmpty()) {
      throw new AwsException(
          "InvalidElasticGpuID.NotFound",
          "The Elastic GPU ID '" + req.elasticGpuIds().get(0) + "' does not exist");
    }
    Pages.Page<ElasticGpus> page =
        Pages.page(ctx.action(), List.<ElasticGpus>of(), req.maxResults(), req.nextToken());
    return DescribeElasticGpusResponse.builder()
        .elasticGpuSet(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
