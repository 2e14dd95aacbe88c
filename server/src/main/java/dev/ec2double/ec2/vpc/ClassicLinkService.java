package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import software.amazon.awssdk.services.ec2.model.AttachClassicLinkVpcRequest;
import software.amazon.awssdk.services.ec2.model.AttachClassicLinkVpcResponse;
import software.amazon.awssdk.services.ec2.model.DescribeClassicLinkInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeClassicLinkInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcClassicLinkDnsSupportRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcClassicLinkDnsSupportResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcClassicLinkRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcClassicLinkResponse;
import software.amazon.awssdk.services.ec2.model.DetachClassicLinkVpcRequest;
import software.amazon.awssdk.services.ec2.model.DetachClassicLinkVpcResponse;
import software.amazon.awssdk.services.ec2.model.DisableVpcClassicLinkDnsSupportRequest;
import software.amazon.awssdk.services.ec2.model.DisableVpcClassicLinkDnsSupportResponse;
import software.amazon.awssdk.services.ec2.model.DisableVpcClassicLinkRequest;
import software.amazon.awssdk.services.ec2.model.DisableVpcClassicLinkResponse;
import software.amazon.awssdk.services.ec2.model.EnableVpcClassicLinkDnsSupportRequest;
import software.amazon.awssdk.services.ec2.model.EnableVpcClassicLinkDnsSupportResponse;
import software.amazon.awssdk.services.ec2.model.EnableVpcClassicLinkRequest;
import software.amazon.awssdk.services.ec2.model.EnableVpcClassicLinkResponse;

/**
 * ClassicLink, as AWS answers it wherever there is no EC2-Classic, which since its retirement in
 * August 2023 is everywhere: {@code UnsupportedOperation} "The functionality you requested is not
 * available in this region." Tools know that answer and go on: Ansible's {@code ec2_vpc_net} calls
 * DescribeVpcClassicLink after every VPC it makes or reads and takes that message as "not enabled"
 * (any other error fails the task).
 */
public final class ClassicLinkService {
  private static AwsException notAvailable() {
    return new AwsException(
        "UnsupportedOperation", "The functionality you requested is not available in this region.");
  }

  public DescribeVpcClassicLinkResponse describeVpcClassicLink(
      RequestContext ctx, DescribeVpcClassicLinkRequest req) {
    throw notAvailable();
  }

  public DescribeVpcClassicLinkDnsSupportResponse describeVpcClassicLinkDnsSupport(
      RequestContext ctx, DescribeVpcClassicLinkDnsSupportRequest req) {
    throw notAvailable();
  }

  public EnableVpcClassicLinkResponse enableVpcClassicLink(
      RequestContext ctx, EnableVpcClassicLinkRequest req) {
    throw notAvailable();
  }

  public DisableVpcClassicLinkResponse disableVpcClassicLink(
      RequestContext ctx, DisableVpcClassicLinkRequest req) {
    throw notAvailable();
  }

  public EnableVpcClassicLinkDnsSupportResponse enableVpcClassicLinkDnsSupport(
      RequestContext ctx, EnableVpcClassicLinkDnsSupportRequest req) {
    throw notAvailable();
  }

  public DisableVpcClassicLinkDnsSupportResponse disableVpcClassicLinkDnsSupport(
      RequestContext ctx, DisableVpcClassicLinkDnsSupportRequest req) {
    throw notAvailable();
  }

  public AttachClassicLinkVpcResponse attachClassicLinkVpc(
      RequestContext ctx, AttachClassicLinkVpcRequest req) {
    throw notAvailable();
  }

  public DetachClassicLinkVpcResponse detachClassicLinkVpc(
      RequestContext ctx, DetachClassicLinkVpcRequest req) {
    throw notAvailable();
  }

  public DescribeClassicLinkInstancesResponse describeClassicLinkInstances(
      RequestContext ctx, DescribeClassicLinkInstancesRequest req) {
    throw notAvailable();
  }
}
