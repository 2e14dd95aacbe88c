package dev.ec2double.it.roles;

import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.TagDescription;

/**
 * Runs inside an instance (copied there by {@link InstanceRolesIT}): an EC2 client built with no
 * settings at all, so that the SDK finds the endpoint and region in the instance's environment and
 * the credentials through its default chain (the metadata service's role credentials), prints the
 * tags of the instance named in its argument as KEY=VALUE lines.
 */
public final class RoleSdkProbe {
  private RoleSdkProbe() {}

  public static void main(String[] args) {
    try (Ec2Client ec2 = Ec2Client.builder().httpClient(ApacheHttpClient.create()).build()) {
      for (TagDescription t :
          ec2.describeTags(r -> r.filters(f -> f.name("resource-id").values(args[0]))).tags()) {
        System.out.println(t.key() + "=" + t.value());
      }
    }
  }
}
