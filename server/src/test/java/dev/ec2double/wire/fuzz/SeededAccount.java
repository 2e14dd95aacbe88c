package dev.ec2double.wire.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.wire.ApiHandler;
import dev.ec2double.wire.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** An account with key pairs, tags and instances, and a snapshot of what it holds. */
final class SeededAccount {
  private SeededAccount() {}

  static String auth(String key) {
    return "AWS4-HMAC-SHA256 Credential="
        + key
        + "/20240102/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=00";
  }

  static String call(ApiHandler api, String key, String body) {
    ApiResponse r = api.handle(null, body, auth(key));
    String text = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(r.status()).as(body + " -> " + text).isEqualTo(200);
    return text;
  }

  /** Seeds the account and returns its snapshot once every instance is running. */
  static String seed(ApiHandler api, String key) {
    for (int i = 0; i < 3; i++) {
      call(api, key, "Action=CreateKeyPair&KeyName=seed-" + i);
    }
    call(
        api,
        key,
        "Action=RunInstances&ImageId=ami-0ec2d00000000de12&MinCount=3&MaxCount=3"
            + "&InstanceType=t3.micro&TagSpecification.1.ResourceType=instance"
            + "&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=seeded");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (call(api, key, "Action=DescribeInstances").contains("pending")) {
      assertThat(Instant.now()).as("seeded instances running").isBefore(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    String first = snapshot(api, key);
    assertThat(snapshot(api, key)).as("a snapshot is stable").isEqualTo(first);
    return first;
  }

  /** What the account holds, without the request ids that differ per call. */
  static String snapshot(ApiHandler api, String key) {
    StringBuilder s = new StringBuilder();
    for (String action : new String[] {"DescribeKeyPairs", "DescribeTags", "DescribeInstances"}) {
      s.append(call(api, key, "Action=" + action).replaceAll("<requestId>[^<]*</requestId>", ""));
    }
    return s.toString();
  }
}
