package dev.ec2double.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.it.TestServer;
import dev.ec2double.server.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** What holds without any security option: loopback only, any secret, AWS's user data limit. */
class DefaultsIT {
  private static final String AMI = "ami-0ec2d00000000de12";

  @Test
  void bindsTheLoopbackAddressOnlyByDefault() throws IOException {
    assertThat(ServerConfig.builder(Map.of()).build().host()).isEqualTo("127.0.0.1");
    int port = TestServer.get().port();

    // what the kernel says listens on the port: 127.0.0.1 (IPv4 or IPv4-mapped), never 0.0.0.0/::
    String suffix = String.format(":%04X", port);
    List<String> listening = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : Files.readAllLines(Path.of(table))) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 3 && f[3].equals("0A") && f[1].endsWith(suffix)) {
          listening.add(f[1].substring(0, f[1].length() - suffix.length()));
        }
      }
    }
    assertThat(listening)
        .as("addresses listening on %d", port)
        .isNotEmpty()
        .allMatch(a -> a.equals("0100007F") || a.equals("0000000000000000FFFF00000100007F"));
  }

  @Test
  void acceptsAnySecretWithoutStrictAuth() {
    try (Ec2Client ec2 = TestServer.ec2("us-east-1", "AKIDANYSECRET")) {
      assertThat(ec2.describeRegions().regions()).isNotEmpty();
    }
  }

  private static String userData(int bytes) {
    byte[] data = new byte[bytes];
    Arrays.fill(data, (byte) '#');
    byte[] shebang = "#!/bin/sh\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(shebang, 0, data, 0, shebang.length);
    return Base64.getEncoder().encodeToString(data);
  }

  @Test
  void refusesUserDataOverSixteenKibibytes() {
    try (Ec2Client ec2 = TestServer.ec2("us-east-1", "AKIDUSERDATA")) {
      assertThatThrownBy(
              () ->
                  ec2.runInstances(
                      r ->
                          r.imageId(AMI).minCount(1).maxCount(1).userData(userData(16 * 1024 + 1))))
          .isInstanceOfSatisfying(
              Ec2Exception.class,
              e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorMessage()).contains("16384");
              });
      assertThat(
              ec2.describeInstances(
                      r ->
                          r.filters(
                              f -> f.name("instance-state-name").values("pending", "running")))
                  .reservations())
          .isEmpty();

      String id =
          ec2.runInstances(
                  r -> r.imageId(AMI).minCount(1).maxCount(1).userData(userData(16 * 1024)))
              .instances()
              .get(0)
              .instanceId();
      ec2.terminateInstances(r -> r.instanceIds(id));
    }
  }
}
