package dev.ec2double.it.vpc;

import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.imds.Ec2MetadataClient;

/**
 * Runs inside an instance (copied there by {@link InstanceMetadataSdkIT}): the AWS SDK's own
 * metadata client, which always asks for an IMDSv2 token first, prints the instance id. It finds
 * the service as the SDK does: {@code AWS_EC2_METADATA_SERVICE_ENDPOINT} when set, else {@code
 * http://169.254.169.254}.
 */
public final class ImdsSdkProbe {
  private ImdsSdkProbe() {}

  public static void main(String[] args) {
    try (Ec2MetadataClient imds =
        Ec2MetadataClient.builder().httpClient(ApacheHttpClient.create()).build()) {
      System.out.println(imds.get("/latest/meta-data/instance-id").asString());
    }
  }
}
