package dev.ec2double.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.compute.MockBackend;
import dev.ec2double.ec2.regions.RegionsService;
import dev.ec2double.ec2.vpc.VpcsService;
import dev.ec2double.wire.Operation;
import dev.ec2double.wire.OperationIndex;
import dev.ec2double.wire.OperationRegistry;
import dev.ec2double.wire.Protocol;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The build's operation index answers as reflection does: the same actions, by the names the SDK
 * sends, to the same service methods, with the same request classes.
 */
class OperationIndexTest {

  @Test
  void theBuildIndexedTheServiceClasses() {
    assertThat(OperationIndex.of(RegionsService.class))
        .extracting(OperationIndex.Entry::action)
        .contains("DescribeRegions", "DescribeAvailabilityZones");
    assertThat(OperationIndex.of(VpcsService.class))
        .extracting(OperationIndex.Entry::action)
        .contains("CreateVpc", "DescribeVpcs");
  }

  @Test
  void anIndexedRegistryAnswersAsAReflectedOne() {
    OperationRegistry indexed = Services.registry(new MockBackend());
    OperationRegistry reflected;
    System.setProperty(OperationIndex.PROPERTY, "off");
    try {
      reflected = Services.registry(new MockBackend());
    } finally {
      System.clearProperty(OperationIndex.PROPERTY);
    }
    for (Protocol protocol : Protocol.values()) {
      assertThat(describe(indexed.implemented(protocol)))
          .as(protocol.name())
          .isEqualTo(describe(reflected.implemented(protocol)));
    }
    // the names the SDK sends that are not the class's (EnableVolumeIoRequest), both ways
    assertThat(indexed.find(Protocol.EC2, "EnableVolumeIO")).isNotNull();
    assertThat(indexed.find(Protocol.EC2, "EnableVolumeIo")).isNull();
    assertThat(indexed.find(Protocol.QUERY, "DescribeSSLPolicies")).isNotNull();
    assertThat(indexed.find(Protocol.QUERY, "DescribeSslPolicies")).isNull();
  }

  @Test
  void anIndexedOperationLinksAndAnswersOnItsFirstCall() {
    Operation op = Services.registry(new MockBackend()).find(Protocol.EC2, "DescribeRegions");
    assertThat(op.requestType().getSimpleName()).isEqualTo("DescribeRegionsRequest");
    assertThat(op.requestBuilder().get()).isNotNull();
    assertThat(op.handler().type().returnType().getSimpleName())
        .isEqualTo("DescribeRegionsResponse");
  }

  private static Map<String, String> describe(Map<String, Operation> ops) {
    Map<String, String> out = new TreeMap<>();
    ops.forEach(
        (action, op) -> out.put(action, op.serviceMethod() + " " + op.requestType().getName()));
    return out;
  }
}
