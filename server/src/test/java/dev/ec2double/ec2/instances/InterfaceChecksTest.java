package dev.ec2double.ec2.instances;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

class InterfaceChecksTest {
  private static final TypeLimits T3_MICRO = new TypeLimits("t3.micro", 2, 1, 2, 1024, "x86_64", 2);

  private static InstanceNetworkInterfaceSpecification ni(
      Consumer<InstanceNetworkInterfaceSpecification.Builder> b) {
    InstanceNetworkInterfaceSpecification.Builder builder =
        InstanceNetworkInterfaceSpecification.builder();
    b.accept(builder);
    return builder.build();
  }

  private static RunInstancesRequest.Builder launch(InstanceNetworkInterfaceSpecification... nis) {
    return RunInstancesRequest.builder()
        .imageId("ami-1")
        .minCount(1)
        .maxCount(1)
        .networkInterfaces(nis);
  }

  private static void refused(RunInstancesRequest req, int max, String code, String message) {
    assertThatThrownBy(() -> InterfaceChecks.check(req, max, T3_MICRO))
        .isInstanceOf(AwsException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((AwsException) e).code())
        .isEqualTo(code);
  }

  @Test
  void takesAnExistingPrimaryAndANewSecondary() {
    RunInstancesRequest req =
        launch(
                ni(n -> n.deviceIndex(0).networkInterfaceId("eni-1")),
                ni(n -> n.deviceIndex(1).subnetId("subnet-1").secondaryPrivateIpAddressCount(2)))
            .build();
    assertThatCode(() -> InterfaceChecks.check(req, 1, T3_MICRO)).doesNotThrowAnyException();
  }

  @Test
  void refusesInstanceLevelNetworkingBesideInterfaces() {
    var primary = ni(n -> n.deviceIndex(0).networkInterfaceId("eni-1"));
    refused(
        launch(primary).subnetId("subnet-1").build(),
        1,
        "InvalidParameterCombination",
        "instance-level subnet ID");
    refused(
        launch(primary).securityGroupIds("sg-1").build(),
        1,
        "InvalidParameterCombination",
        "instance-level security groups");
    refused(
        launch(primary).privateIpAddress("10.0.0.9").build(),
        1,
        "InvalidParameterCombination",
        "instance-level private IP address");
  }

  @Test
  void refusesWhatAnExistingInterfaceAlreadyHas() {
    refused(
        launch(ni(n -> n.deviceIndex(0).networkInterfaceId("eni-1").subnetId("subnet-1"))).build(),
        1,
        "InvalidParameterCombination",
        "both a network interface ID and a subnet");
    refused(
        launch(ni(n -> n.deviceIndex(0).networkInterfaceId("eni-1").groups("sg-1"))).build(),
        1,
        "InvalidParameterCombination",
        "security groups");
    refused(
        launch(ni(n -> n.deviceIndex(0).networkInterfaceId("eni-1").privateIpAddress("10.0.0.9")))
            .build(),
        1,
        "InvalidParameterCombination",
        "private IP");
    refused(
        launch(ni(n -> n.deviceIndex(0).networkInterfaceId("eni-1").associatePublicIpAddress(true)))
            .build(),
        1,
        "InvalidParameterCombination",
        "network interface with an ID");
  }

  @Test
  void anExistingInterfaceGoesToOneInstanceOnly() {
    refused(
        launch(ni(n -> n.deviceIndex(0).networkInterfaceId("eni-1"))).maxCount(2).build(),
        2,
        "InvalidParameterCombination",
        "more than one instance");
  }

  @Test
  void deviceIndexesAreUniqueAndIncludeThePrimary() {
    refused(
        launch(ni(n -> n.deviceIndex(0).subnetId("s")), ni(n -> n.deviceIndex(0).subnetId("s")))
            .build(),
        1,
        "InvalidParameterValue",
        "unique device index");
    refused(
        launch(ni(n -> n.deviceIndex(1).subnetId("s"))).build(),
        1,
        "InvalidParameterValue",
        "device index 0");
    refused(launch(ni(n -> n.subnetId("s"))).build(), 1, "MissingParameter", "DeviceIndex");
  }

  @Test
  void theTypeLimitsTheInterfaces() {
    refused(
        launch(
                ni(n -> n.deviceIndex(0).subnetId("s")),
                ni(n -> n.deviceIndex(1).subnetId("s")),
                ni(n -> n.deviceIndex(2).subnetId("s")))
            .build(),
        1,
        "AttachmentLimitExceeded",
        "Interface count 3 exceeds the limit for t3.micro");
  }

  @Test
  void aPublicAddressGoesWithOneInterfaceOnly() {
    refused(
        launch(
                ni(n -> n.deviceIndex(0).subnetId("s").associatePublicIpAddress(true)),
                ni(n -> n.deviceIndex(1).subnetId("s")))
            .build(),
        1,
        "InvalidParameterCombination",
        "multiple network interfaces");
  }

  @Test
  void aNamedAddressIsForOneInstance() {
    refused(
        launch(ni(n -> n.deviceIndex(0).subnetId("s").privateIpAddress("10.0.0.9")))
            .maxCount(3)
            .build(),
        3,
        "InvalidParameterCombination",
        "more than one instance");
  }
}
