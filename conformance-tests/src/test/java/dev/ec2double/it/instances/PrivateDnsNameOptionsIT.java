package dev.ec2double.it.instances;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import dev.ec2double.it.Ec2Calls;
import dev.ec2double.it.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * An instance's hostname type and resource name records (RunInstances' PrivateDnsNameOptions,
 * ModifyPrivateDnsNameOptions) as the API shows them, on the mock backend; PrivateDnsIT shows the
 * names inside instances.
 */
class PrivateDnsNameOptionsIT {
  private static final String AMI = "ami-0ec2d00000000de12";
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("eu-west-1", "AKIDPRIVATEDNS");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static Instance run(
      java.util.function.Consumer<
              software.amazon.awssdk.services.ec2.model.RunInstancesRequest.Builder>
          more) {
    return ec2.runInstances(
            r -> {
              r.imageId(AMI).minCount(1).maxCount(1);
              more.accept(r);
            })
        .instances()
        .get(0);
  }

  @Test
  void theHostnameTypeNamesTheInstance() {
    Instance ip = run(r -> {});
    assertThat(ip.privateDnsName())
        .isEqualTo("ip-" + ip.privateIpAddress().replace('.', '-') + ".eu-west-1.compute.internal");
    assertThat(ip.privateDnsNameOptions().hostnameTypeAsString()).isEqualTo("ip-name");
    assertThat(ip.privateDnsNameOptions().enableResourceNameDnsARecord()).isFalse();

    Instance res =
        run(
            r ->
                r.privateDnsNameOptions(
                    o -> o.hostnameType("resource-name").enableResourceNameDnsARecord(true)));
    assertThat(res.privateDnsName()).isEqualTo(res.instanceId() + ".eu-west-1.compute.internal");
    Instance described = Ec2Calls.describe(ec2, res.instanceId());
    assertThat(described.privateDnsName()).isEqualTo(res.privateDnsName());
    assertThat(described.privateDnsNameOptions().hostnameTypeAsString()).isEqualTo("resource-name");
    assertThat(described.privateDnsNameOptions().enableResourceNameDnsARecord()).isTrue();
    assertThat(described.privateDnsNameOptions().enableResourceNameDnsAAAARecord()).isFalse();
    assertThat(
            ec2.describeInstances(
                    r -> r.filters(Ec2Calls.filter("private-dns-name", res.privateDnsName())))
                .reservations())
        .hasSize(1);

    Ec2Calls.assertError(
        () -> run(r -> r.privateDnsNameOptions(o -> o.hostnameType("instance-name"))),
        "InvalidParameterValue");
    ec2.terminateInstances(r -> r.instanceIds(ip.instanceId(), res.instanceId()));
  }

  @Test
  void modifyChangesAStoppedInstanceOnly() {
    String id = run(r -> {}).instanceId();
    Ec2Calls.awaitState(ec2, id, InstanceStateName.RUNNING, Duration.ofSeconds(10));
    assertThat(
            Ec2Calls.error(
                () ->
                    ec2.modifyPrivateDnsNameOptions(
                        r -> r.instanceId(id).privateDnsHostnameType("resource-name"))))
        .isEqualTo(
            "IncorrectInstanceState: The instance '"
                + id
                + "' is not in a state from which it can be modified.");
    ec2.stopInstances(r -> r.instanceIds(id));
    Ec2Calls.awaitState(ec2, id, InstanceStateName.STOPPED, Duration.ofSeconds(10));

    assertThat(
            ec2.modifyPrivateDnsNameOptions(
                    r ->
                        r.instanceId(id)
                            .privateDnsHostnameType("resource-name")
                            .enableResourceNameDnsARecord(true))
                .returnValue())
        .isTrue();
    Instance i = Ec2Calls.describe(ec2, id);
    assertThat(i.privateDnsName()).isEqualTo(id + ".eu-west-1.compute.internal");
    assertThat(i.privateDnsNameOptions().enableResourceNameDnsARecord()).isTrue();

    // what is not given stays
    ec2.modifyPrivateDnsNameOptions(r -> r.instanceId(id).privateDnsHostnameType("ip-name"));
    i = Ec2Calls.describe(ec2, id);
    assertThat(i.privateDnsName()).startsWith("ip-");
    assertThat(i.privateDnsNameOptions().enableResourceNameDnsARecord()).isTrue();

    Ec2Calls.assertError(
        () ->
            ec2.modifyPrivateDnsNameOptions(r -> r.instanceId(id).privateDnsHostnameType("bogus")),
        "InvalidParameterValue");
    Ec2Calls.assertError(
        () -> ec2.modifyPrivateDnsNameOptions(r -> r.instanceId("i-0123456789abcdef0")),
        "InvalidInstanceID.NotFound");
    ec2.terminateInstances(r -> r.instanceIds(id));
  }

  @Test
  void theAwsCliLaunchesWithAResourceNameAndModifiesIt() throws Exception {
    AwsCli.requireInstalled("PrivateDnsNameOptionsIT");
    ObjectMapper json = new ObjectMapper();
    AwsCli.Run ran =
        AwsCli.run(
            "eu-west-1",
            "ec2",
            "run-instances",
            "--image-id",
            AMI,
            "--private-dns-name-options",
            "HostnameType=resource-name,EnableResourceNameDnsARecord=true");
    assertThat(ran.exit()).as(ran.stderr()).isZero();
    JsonNode instance = json.readTree(ran.stdout()).get("Instances").get(0);
    String id = instance.get("InstanceId").asText();
    assertThat(instance.get("PrivateDnsName").asText())
        .isEqualTo(id + ".eu-west-1.compute.internal");
    assertThat(instance.get("PrivateDnsNameOptions").get("HostnameType").asText())
        .isEqualTo("resource-name");
    assertThat(
            instance.get("PrivateDnsNameOptions").get("EnableResourceNameDnsARecord").asBoolean())
        .isTrue();

    try (Ec2Client same = TestServer.ec2("eu-west-1", "AKIDEXAMPLE")) {
      Ec2Calls.awaitState(same, id, InstanceStateName.RUNNING, Duration.ofSeconds(10));
      same.stopInstances(r -> r.instanceIds(id));
      Ec2Calls.awaitState(same, id, InstanceStateName.STOPPED, Duration.ofSeconds(10));
      AwsCli.Run modified =
          AwsCli.run(
              "eu-west-1",
              "ec2",
              "modify-private-dns-name-options",
              "--instance-id",
              id,
              "--private-dns-hostname-type",
              "ip-name");
      assertThat(modified.exit()).as(modified.stderr()).isZero();
      assertThat(json.readTree(modified.stdout()).get("Return").asBoolean()).isTrue();
      assertThat(Ec2Calls.describe(same, id).privateDnsName()).startsWith("ip-");
      same.terminateInstances(r -> r.instanceIds(id));
    }
  }
}
