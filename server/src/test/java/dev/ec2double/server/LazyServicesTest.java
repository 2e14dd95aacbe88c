package dev.ec2double.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.compute.MockBackend;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.regions.RegionsService;
import dev.ec2double.wire.OperationRegistry;
import dev.ec2double.wire.Protocol;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsResponse;

/**
 * Most services are made on the first call of one of their actions, so that a server starts without
 * initialising them all; what they register as they are made (their taggable kinds) is there before
 * anyone could miss it.
 */
class LazyServicesTest {
  private static final String AUTH =
      "AWS4-HMAC-SHA256 Credential=AKIDLAZY/20261127/us-east-1/ec2/aws4_request,"
          + " SignedHeaders=host, Signature=0";

  @Test
  void aServiceIsMadeOnTheFirstCallOfOneOfItsActionsAndOnlyOnce() {
    AtomicInteger made = new AtomicInteger();
    OperationRegistry registry =
        new OperationRegistry(RequestContext.class)
            .register(
                RegionsService.class,
                () -> {
                  made.incrementAndGet();
                  return new RegionsService();
                });
    assertThat(made).hasValue(0);

    RequestContext ctx =
        new RequestContext(
            "123456789012",
            "us-east-1",
            "AKIDLAZY",
            "DescribeRegions",
            "r-1",
            new RegionState("123456789012", "us-east-1"));
    Object first =
        registry
            .find(Protocol.EC2, "DescribeRegions")
            .invoke(ctx, DescribeRegionsRequest.builder().build());
    registry
        .find(Protocol.EC2, "DescribeAvailabilityZones")
        .invoke(
            ctx,
            software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesRequest.builder()
                .build());
    registry.makeAll();

    assertThat(first).isInstanceOf(DescribeRegionsResponse.class);
    assertThat(((DescribeRegionsResponse) first).regions()).isNotEmpty();
    assertThat(made).hasValue(1);
  }

  @Test
  void everyServiceRegisteredByNameIsInTheBuildsIndex() {
    // a name the index lacks (a typo, a renamed class) would make that service at start
    assertThat(Services.registry(new MockBackend()).madeAtOnce()).isEmpty();
  }

  @Test
  void createTagsKnowsTheKindOfAServiceNoCallHasMadeYet() throws Exception {
    try (Ec2DoubleServer server =
        new Ec2DoubleServer(ServerConfig.builder().port(0).backend("mock").build()).start()) {
      // no IPAM action was called: the IPAM service is not made, yet its ids are known
      HttpResponse<String> res =
          call(
              server,
              "Action=CreateTags&ResourceId.1=ipam-0123456789abcdef0&Tag.1.Key=k&Tag.1.Value=v");

      assertThat(res.statusCode()).isEqualTo(400);
      assertThat(res.body()).contains("<Code>InvalidIpamId.NotFound</Code>");
      assertThat(
              call(server, "Action=CreateTags&ResourceId.1=nokind-0123456789abcdef0&Tag.1.Key=k")
                  .body())
          .contains("<Code>InvalidID</Code>");
    }
  }

  private static HttpResponse<String> call(Ec2DoubleServer server, String params) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", AUTH)
            .POST(HttpRequest.BodyPublishers.ofString(params + "&Version=2016-11-15"))
            .build();
    return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
  }
}
