package dev.ec2double.junit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.junit.Backend;
import dev.ec2double.junit.Ec2DoubleExtension;
import dev.ec2double.junit.Ec2DoubleRuntimeInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

class RegisterExtensionExampleTest {
  // tag::register[]
  @RegisterExtension
  static Ec2DoubleExtension ec2Double =
      Ec2DoubleExtension.builder()
          .backend(Backend.MOCK)
          .region("ap-southeast-2")
          .ami("ami-0123456789abcdef0", "ec2-double/debian:12")
          .build();

  @Test
  void pointsAClientOfYourOwnAtTheServer(Ec2DoubleRuntimeInfo info) {
    try (Ec2Client ec2 =
        info.configure(Ec2Client.builder()).httpClient(ApacheHttpClient.create()).build()) {
      assertThat(ec2.describeRegions().regions()).isNotEmpty();
    }
  }
  // end::register[]
}
