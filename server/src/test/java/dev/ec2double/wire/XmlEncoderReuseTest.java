package dev.ec2double.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceState;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The encoder reuses the XML of large items it wrote before: never when they changed. */
class XmlEncoderReuseTest {
  private static Instance.Builder instance() {
    return Instance.builder()
        .instanceId("i-0123456789abcdef0")
        .imageId("ami-0ec2d00000000de12")
        .state(InstanceState.builder().code(16).name("running").build())
        .launchTime(Instant.parse("2026-11-27T10:00:00.123456Z"));
  }

  private static String describe(Instance i) {
    return new String(
        XmlEncoder.response(
            Protocol.EC2,
            "DescribeInstances",
            DescribeInstancesResponse.builder()
                .reservations(Reservation.builder().reservationId("r-1").instances(i).build())
                .build(),
            "req-1"),
        StandardCharsets.UTF_8);
  }

  @Test
  void writesTheSameInstanceTheSameWayEveryTime() {
    String first = describe(instance().build());

    assertThat(describe(instance().build())).isEqualTo(first);
    assertThat(first)
        .contains("<instanceId>i-0123456789abcdef0</instanceId>")
        .contains("<launchTime>2026-11-27T10:00:00.123Z</launchTime>");
  }

  @Test
  void writesAChangedNestedListAfterTheInstanceWasWrittenWithout() {
    describe(instance().build());

    String tagged =
        describe(instance().tags(Tag.builder().key("Name").value("web").build()).build());
    String emptyGroups = describe(instance().securityGroups(List.of()).build());
    String oneGroup =
        describe(
            instance()
                .securityGroups(GroupIdentifier.builder().groupId("sg-1").groupName("g").build())
                .build());

    assertThat(tagged).contains("<tagSet><item><key>Name</key><value>web</value></item></tagSet>");
    assertThat(emptyGroups).contains("<groupSet/>").doesNotContain("tagSet");
    assertThat(oneGroup).contains("<groupId>sg-1</groupId>").doesNotContain("<groupSet/>");
    assertThat(describe(instance().build())).doesNotContain("groupSet").doesNotContain("tagSet");
  }

  @Test
  void writesTimestampsAsTheIsoFormatterDoes() {
    for (String t :
        List.of(
            "1970-01-01T00:00:00Z",
            "2026-02-28T23:59:59.999999999Z",
            "2024-02-29T00:00:00.001Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.5Z",
            "+10000-01-01T00:00:00Z",
            "-0001-06-15T12:30:00Z")) {
      Instant instant = Instant.parse(t);
      String xml = new XmlWriter().timestamp("t", instant).text();

      assertThat(xml).isEqualTo("<t>" + XmlEncoder.ISO_MILLIS.format(instant) + "</t>");
    }
  }
}
