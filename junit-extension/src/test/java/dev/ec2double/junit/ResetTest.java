package dev.ec2double.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The runtime info's reset and control endpoint (a server of its own: a reset is server-wide). */
@Ec2Test(backend = Backend.MOCK, isolation = Isolation.PER_METHOD)
class ResetTest {
  @Test
  void resetForgetsWhatTheTestMade(Ec2Client ec2, Ec2DoubleRuntimeInfo info) {
    ec2.createKeyPair(r -> r.keyName("made-by-the-test"));

    info.reset();

    assertThat(ec2.describeKeyPairs().keyPairs()).isEmpty();
  }

  @Test
  void theControlEndpointTakesTheResetFromOutsideTheJvm(Ec2Client ec2, Ec2DoubleRuntimeInfo info)
      throws Exception {
    ec2.createKeyPair(r -> r.keyName("made-by-the-test"));
    URI control = info.controlEndpoint();

    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(control.resolve("reset"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(control.toString()).isEqualTo(info.endpoint() + "/_ec2double/");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(ec2.describeKeyPairs().keyPairs()).isEmpty();
  }

  @Test
  void theDashboardUrlServesTheDashboard(Ec2DoubleRuntimeInfo info) throws Exception {
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(info.dashboardUrl()).build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(info.dashboardUrl().toString()).isEqualTo(info.endpoint() + "/_ec2double/ui/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>ec2-double</title>");
  }

  @Test
  void faultsAreInjectedAndClearedThroughTheRuntimeInfo(Ec2Client ec2, Ec2DoubleRuntimeInfo info) {
    String ami = ec2.describeImages(r -> r.owners("amazon")).images().get(0).imageId();
    String id =
        ec2.runInstances(r -> r.imageId(ami).minCount(1).maxCount(1))
            .instances()
            .get(0)
            .instanceId();
    ec2.waiter().waitUntilInstanceRunning(r -> r.instanceIds(id));

    String fault = info.injectFault("instance-impaired", id, null);

    assertThat(fault).startsWith("fault-");
    assertThat(
            ec2.describeInstanceStatus(r -> r.instanceIds(id))
                .instanceStatuses()
                .get(0)
                .instanceStatus()
                .statusAsString())
        .isEqualTo("impaired");
    assertThat(info.clearFault(fault)).isTrue();
    assertThat(info.clearFault(fault)).isFalse();
    assertThat(
            ec2.describeInstanceStatus(r -> r.instanceIds(id))
                .instanceStatuses()
                .get(0)
                .instanceStatus()
                .statusAsString())
        .isEqualTo("ok");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> info.injectFault("meteor", id, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown fault kind");
  }
}
