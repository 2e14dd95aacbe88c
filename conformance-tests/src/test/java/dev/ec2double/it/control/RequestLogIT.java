package dev.ec2double.it.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.Clients;
import dev.ec2double.it.ControlApi;
import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The request log ({@code /_ec2double/requests}) and the dashboard's state ({@code
 * /_ec2double/ui/api/state}), as a test reads them after calls made with the SDK.
 */
class RequestLogIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void listsEveryCallNewestFirstWithItsOutcomeAndFilters() throws Exception {
    try (Ec2DoubleServer server = mock();
        Ec2Client ec2 = Clients.ec2Builder(server.endpoint(), "eu-west-1", "AKIDLOG", "s").build();
        ElasticLoadBalancingV2Client elb = Clients.elb(server.endpoint(), "AKIDLOG")) {
      ec2.createVpc(r -> r.cidrBlock("10.9.0.0/16"));
      assertThatThrownBy(() -> ec2.terminateInstances(r -> r.instanceIds("i-0000000000000beef")))
          .isInstanceOf(Ec2Exception.class);
      elb.describeLoadBalancers();

      JsonNode all = get(server.endpoint(), "/_ec2double/requests");
      List<String> actions = actions(all);
      assertThat(actions)
          .containsSubsequence("DescribeLoadBalancers", "TerminateInstances", "CreateVpc");
      JsonNode failed = find(all, "TerminateInstances");
      assertThat(failed.get("status").asInt()).isEqualTo(400);
      assertThat(failed.get("errorCode").asText()).isEqualTo("InvalidInstanceID.NotFound");
      assertThat(failed.get("service").asText()).isEqualTo("ec2");
      assertThat(failed.get("region").asText()).isEqualTo("eu-west-1");
      assertThat(failed.get("accessKey").asText()).isEqualTo("AKIDLOG");
      assertThat(failed.get("account").asText()).isEqualTo("123456789012");
      assertThat(failed.get("latencyMs").asDouble()).isPositive();
      assertThat(failed.get("requestId").asText()).isNotBlank();
      JsonNode created = find(all, "CreateVpc");
      assertThat(created.get("status").asInt()).isEqualTo(200);
      assertThat(created.get("errorCode").isNull()).isTrue();
      assertThat(find(all, "DescribeLoadBalancers").get("service").asText())
          .isEqualTo("elasticloadbalancing");

      assertThat(actions(get(server.endpoint(), "/_ec2double/requests?status=error")))
          .containsExactly("TerminateInstances");
      assertThat(actions(get(server.endpoint(), "/_ec2double/requests?service=ec2")))
          .doesNotContain("DescribeLoadBalancers")
          .contains("CreateVpc");
      assertThat(actions(get(server.endpoint(), "/_ec2double/requests?action=CreateVpc")))
          .containsExactly("CreateVpc");
      assertThat(actions(get(server.endpoint(), "/_ec2double/requests?limit=1")))
          .containsExactly("DescribeLoadBalancers");
      long afterVpc = created.get("seq").asLong();
      assertThat(actions(get(server.endpoint(), "/_ec2double/requests?after=" + afterVpc)))
          .doesNotContain("CreateVpc")
          .contains("TerminateInstances");
    }
  }

  @Test
  void oneCallCarriesItsParametersAndTheAnswerAsSent() throws Exception {
    try (Ec2DoubleServer server = mock();
        Ec2Client ec2 =
            Clients.ec2Builder(server.endpoint(), "us-east-1", "AKIDLOG", "s").build()) {
      assertThatThrownBy(() -> ec2.terminateInstances(r -> r.instanceIds("i-0000000000000beef")))
          .isInstanceOf(Ec2Exception.class);
      long seq =
          find(get(server.endpoint(), "/_ec2double/requests"), "TerminateInstances")
              .get("seq")
              .asLong();

      JsonNode one = get(server.endpoint(), "/_ec2double/requests/" + seq);

      assertThat(one.get("parameters").get("Action").asText()).isEqualTo("TerminateInstances");
      assertThat(one.get("parameters").get("InstanceId.1").asText())
          .isEqualTo("i-0000000000000beef");
      assertThat(one.get("response").asText())
          .contains("<Code>InvalidInstanceID.NotFound</Code>")
          .contains("<RequestID>" + one.get("requestId").asText() + "</RequestID>");
    }
  }

  @Test
  void badQueriesAndUnknownCallsAnswerWhatIsWrong() throws Exception {
    try (Ec2DoubleServer server = mock()) {
      HttpResponse<String> limit =
          ControlApi.send(server.endpoint(), "GET", "/_ec2double/requests?limit=0", null);
      HttpResponse<String> status =
          ControlApi.send(server.endpoint(), "GET", "/_ec2double/requests?status=meh", null);
      HttpResponse<String> gone =
          ControlApi.send(server.endpoint(), "GET", "/_ec2double/requests/999999", null);
      HttpResponse<String> word =
          ControlApi.send(server.endpoint(), "GET", "/_ec2double/requests/latest", null);

      assertThat(limit.statusCode()).isEqualTo(400);
      assertThat(limit.body()).contains("limit is a number from 1 to 10000");
      assertThat(status.statusCode()).isEqualTo(400);
      assertThat(status.body()).contains("status is ok, error or an HTTP status");
      assertThat(gone.statusCode()).isEqualTo(404);
      assertThat(word.statusCode()).isEqualTo(400);
    }
  }

  @Test
  void resetAndDeleteEmptyTheLogAndSequenceNumbersKeepGrowing() throws Exception {
    try (Ec2DoubleServer server = mock();
        Ec2Client ec2 =
            Clients.ec2Builder(server.endpoint(), "us-east-1", "AKIDLOG", "s").build()) {
      ec2.describeVpcs();
      long before = get(server.endpoint(), "/_ec2double/requests").get("nextSeq").asLong();

      assertThat(ControlApi.send(server.endpoint(), "POST", "/_ec2double/reset", null).statusCode())
          .isEqualTo(200);
      assertThat(get(server.endpoint(), "/_ec2double/requests").get("requests")).isEmpty();
      ec2.describeVpcs();
      JsonNode after = get(server.endpoint(), "/_ec2double/requests");
      assertThat(after.get("requests")).hasSize(1);
      assertThat(after.get("requests").get(0).get("seq").asLong()).isGreaterThanOrEqualTo(before);

      assertThat(
              ControlApi.send(server.endpoint(), "DELETE", "/_ec2double/requests", null)
                  .statusCode())
          .isEqualTo(200);
      assertThat(get(server.endpoint(), "/_ec2double/requests").get("requests")).isEmpty();
    }
  }

  @Test
  void keepsOnlyAsManyCallsAsItIsToldAndNoneWithZero() throws Exception {
    try (Ec2DoubleServer three = mock("3");
        Ec2DoubleServer none = mock("0");
        Ec2Client a = Clients.ec2Builder(three.endpoint(), "us-east-1", "AKIDLOG", "s").build();
        Ec2Client b = Clients.ec2Builder(none.endpoint(), "us-east-1", "AKIDLOG", "s").build()) {
      for (int i = 0; i < 5; i++) {
        a.describeVpcs();
        b.describeVpcs();
      }
      a.describeSubnets();

      assertThat(actions(get(three.endpoint(), "/_ec2double/requests")))
          .containsExactly("DescribeSubnets", "DescribeVpcs", "DescribeVpcs");
      assertThat(get(none.endpoint(), "/_ec2double/requests").get("requests")).isEmpty();
    }
  }

  @Test
  void theDashboardStateIsWhatTheDescribeActionsAnswer() throws Exception {
    try (Ec2DoubleServer server = mock();
        Ec2Client ec2 =
            Clients.ec2Builder(server.endpoint(), "us-east-1", "AKIDLOG", "s").build()) {
      String vpc = ec2.createVpc(r -> r.cidrBlock("10.7.0.0/16")).vpc().vpcId();
      String subnet =
          ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.7.1.0/24")).subnet().subnetId();
      String ami = ec2.describeImages(r -> r.owners("amazon")).images().get(0).imageId();
      String instance =
          ec2.runInstances(r -> r.imageId(ami).subnetId(subnet).minCount(1).maxCount(1))
              .instances()
              .get(0)
              .instanceId();
      int logged = get(server.endpoint(), "/_ec2double/requests").get("requests").size();

      JsonNode state = get(server.endpoint(), "/_ec2double/ui/api/state");

      JsonNode place = state.get("regions").get(0);
      assertThat(place.get("region").asText()).isEqualTo("us-east-1");
      assertThat(place.get("vpcs").findValuesAsText("vpcId")).contains(vpc);
      assertThat(place.get("subnets").findValuesAsText("subnetId")).contains(subnet);
      JsonNode i = place.get("instances").get(0);
      assertThat(i.get("instanceId").asText()).isEqualTo(instance);
      assertThat(i.get("subnetId").asText()).isEqualTo(subnet);
      assertThat(i.get("groupSet").isArray()).isTrue();
      // the dashboard's own reads are not the user's calls: the log does not grow with them
      assertThat(get(server.endpoint(), "/_ec2double/requests").get("requests")).hasSize(logged);
      HttpResponse<String> page =
          ControlApi.send(server.endpoint(), "GET", "/_ec2double/ui/", null);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<script type=\"module\" src=\"assets/app.js\">");
    }
  }

  private static Ec2DoubleServer mock() {
    return mock("1000");
  }

  private static Ec2DoubleServer mock(String logSize) {
    return new Ec2DoubleServer(
            ServerConfig.builder()
                .port(0)
                .backend("mock")
                .set(dev.ec2double.server.Option.REQUEST_LOG_SIZE, logSize)
                .build())
        .start();
  }

  private static JsonNode get(URI endpoint, String path) throws Exception {
    HttpResponse<String> r = ControlApi.send(endpoint, "GET", path, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static List<String> actions(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.get("requests").forEach(r -> out.add(r.get("action").asText()));
    return out;
  }

  private static JsonNode find(JsonNode list, String action) {
    for (JsonNode r : list.get("requests")) {
      if (r.get("action").asText().equals(action)) {
        return r;
      }
    }
    throw new AssertionError("no " + action + " in " + list);
  }
}
