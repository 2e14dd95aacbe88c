package dev.ec2double.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.compute.docker.ContainerExec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * The standalone image: an instance reaches a load balancer by its DNS name and port, through the
 * network helper's DNAT to the server container's own address on the network.
 */
class AlbFromInstanceInImageIT {
  private static final String IMAGE = System.getProperty("ec2double.image", "ec2-double:latest");
  private static final String AMI = "ami-0b0b0b0b0b0b0b0b0";

  @Test
  void anInstanceGetsATargetsPageAtTheLoadBalancersNameAndPort() throws Exception {
    try (Ec2DoubleContainer server =
            new Ec2DoubleContainer(IMAGE).withAmi(AMI, "ec2-double/busybox:latest");
        AutoCloseable started = start(server);
        Ec2Client ec2 = Ec2DoubleContainerIT.client(server);
        ElasticLoadBalancingV2Client elb = elb(server)) {
      String client = run(ec2, "#!/bin/sh\ntrue\n");
      String web =
          run(
              ec2,
              "#!/bin/sh\nmkdir -p /www\necho in-image-web > /www/index.html\nhttpd -p 80 -h /www\n");
      for (int i = 0; i < 300 && !running(ec2, client, web); i++) {
        Thread.sleep(200);
      }
      List<String> subnets =
          ec2
              .describeSubnets(
                  r ->
                      r.filters(
                          Filter.builder().name("default-for-az").values("true").build(),
                          Filter.builder()
                              .name("availability-zone")
                              .values("us-east-1a", "us-east-1b")
                              .build()))
              .subnets()
              .stream()
              .map(Subnet::subnetId)
              .toList();
      LoadBalancer lb =
          elb.createLoadBalancer(r -> r.name("in-image").subnets(subnets)).loadBalancers().get(0);
      String tg =
          elb.createTargetGroup(r -> r.name("in-image").protocol("HTTP").port(80).vpcId(lb.vpcId()))
              .targetGroups()
              .get(0)
              .targetGroupArn();
      elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id(web)));
      elb.createListener(
          r ->
              r.loadBalancerArn(lb.loadBalancerArn())
                  .port(80)
                  .defaultActions(a -> a.type("forward").targetGroupArn(tg)));

      String answer = "";
      for (int i = 0; i < 100 && !answer.contains("in-image-web"); i++) {
        Thread.sleep(300);
        answer =
            exec(
                "ec2double-" + client,
                "sh",
                "-c",
                "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 " + lb.dnsName() + " 80 2>&1");
      }
      assertThat(answer).startsWith("HTTP/1.1 200").contains("in-image-web");
      elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
      ec2.terminateInstances(r -> r.instanceIds(client, web));
    }
  }

  private static boolean running(Ec2Client ec2, String... ids) {
    return ec2.describeInstances(r -> r.instanceIds(ids)).reservations().stream()
        .flatMap(r -> r.instances().stream())
        .allMatch(i -> i.state().nameAsString().equals("running"));
  }

  private static AutoCloseable start(Ec2DoubleContainer server) {
    server.start();
    return () -> {};
  }

  private static String run(Ec2Client ec2, String userData) {
    return ec2.runInstances(
            r ->
                r.imageId(AMI)
                    .minCount(1)
                    .maxCount(1)
                    .userData(
                        Base64.getEncoder()
                            .encodeToString(userData.getBytes(StandardCharsets.UTF_8))))
        .instances()
        .get(0)
        .instanceId();
  }

  private static ElasticLoadBalancingV2Client elb(Ec2DoubleContainer server) {
    return ElasticLoadBalancingV2Client.builder()
        .endpointOverride(server.getEndpoint())
        .region(Region.of(server.getRegion()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(server.getAccessKey(), server.getSecretKey())))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  private static String exec(String container, String... cmd) {
    return ContainerExec.run(
            DockerClientFactory.instance().client(), Duration.ofSeconds(30), container, cmd)
        .output();
  }
}
