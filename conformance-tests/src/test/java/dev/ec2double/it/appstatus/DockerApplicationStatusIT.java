package dev.ec2double.it.appstatus;

import static dev.ec2double.it.Ec2Calls.awaitState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.elbv2.Albs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ApplicationStatusDetail;
import software.amazon.awssdk.services.ec2.model.InstanceApplicationStatus;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * Application status checks probe real instances on the docker backend: an instance whose busybox
 * httpd serves the path is {@code ok}, one with nothing listening is {@code impaired} with the
 * reason the probe met (the connection refused).
 */
class DockerApplicationStatusIT {
  private static final Ec2Client ec2 = DockerTestServer.ec2();

  @AfterAll
  static void close() {
    ec2.close();
  }

  @Test
  void probesDecideOkAndImpaired() {
    String serving = Albs.runBusybox(ec2, null, Albs.page("healthy"));
    String silent = Albs.runBusybox(ec2, null, "#!/bin/sh\necho nothing listens\n");
    awaitState(ec2, serving, InstanceStateName.RUNNING, Duration.ofSeconds(60));
    awaitState(ec2, silent, InstanceStateName.RUNNING, Duration.ofSeconds(60));
    String check =
        ec2.createApplicationStatusCheck(
                r ->
                    r.protocol("http")
                        .port(80)
                        .path("/index.html")
                        .timeout(3)
                        .successThreshold(1)
                        .failureThreshold(1)
                        .initializationGracePeriodSeconds(1))
            .applicationStatusCheck()
            .applicationStatusCheckId();
    try {
      ec2.associateApplicationStatusCheck(
          r -> r.applicationStatusCheckId(check).instanceIds(serving, silent));

      List<InstanceApplicationStatus> statuses =
          await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () ->
                      ec2.describeApplicationStatus(r -> r.instanceIds(serving, silent))
                          .applicationStatuses()
                          .instances(),
                  l ->
                      l.stream()
                          .noneMatch(
                              s -> s.applicationStatus().statusAsString().equals("initializing")));
      assertThat(statuses)
          .extracting(s -> s.instanceId() + ":" + s.applicationStatus().statusAsString())
          .containsExactly(serving + ":ok", silent + ":impaired");
      ApplicationStatusDetail ok = statuses.get(0).applicationStatus().details().get(0);
      assertThat(ok.statusAsString()).isEqualTo("passed");
      assertThat(ok.reason().code()).isEqualTo("ResponseCodeMatched");
      assertThat(ok.reason().statusCode()).isEqualTo(200);
      assertThat(ok.reason().protocol()).isEqualTo("HTTP");
      ApplicationStatusDetail failed = statuses.get(1).applicationStatus().details().get(0);
      assertThat(failed.statusAsString()).isEqualTo("failed");
      assertThat(failed.reason().code()).isIn("ConnectionRefused", "ConnectionTimeout");
    } finally {
      ec2.deleteApplicationStatusCheck(r -> r.applicationStatusCheckId(check));
      ec2.terminateInstances(r -> r.instanceIds(serving, silent));
    }
  }
}
