package dev.ec2double.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XmlJsonTest {
  @Test
  void itemAndMemberListsAreArraysEvenWithOneItemAndLeavesAreText() {
    JsonNode ec2 =
        read(
            "<DescribeVpcsResponse><requestId>r</requestId><vpcSet><item><vpcId>vpc-1</vpcId>"
                + "<tagSet><item><key>Name</key><value>a</value></item></tagSet></item></vpcSet>"
                + "</DescribeVpcsResponse>");
    JsonNode elb =
        read(
            "<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancers><member>"
                + "<LoadBalancerName>lb</LoadBalancerName></member><member><LoadBalancerName>lb2"
                + "</LoadBalancerName></member></LoadBalancers></DescribeLoadBalancersResult>"
                + "</DescribeLoadBalancersResponse>");

    assertThat(ec2.get("vpcSet").isArray()).isTrue();
    assertThat(ec2.get("vpcSet").get(0).get("vpcId").asText()).isEqualTo("vpc-1");
    assertThat(ec2.get("vpcSet").get(0).get("tagSet").get(0).get("value").asText()).isEqualTo("a");
    assertThat(
            elb.get("DescribeLoadBalancersResult")
                .get("LoadBalancers")
                .findValuesAsText("LoadBalancerName"))
        .containsExactly("lb", "lb2");
  }

  @Test
  void anEmptyElementIsEmptyTextAndRepeatedNamesBecomeAList() {
    JsonNode r = read("<R><reservationSet/><a>1</a><a>2</a><b>&lt;x&gt;</b></R>");

    assertThat(r.get("reservationSet").asText()).isEmpty();
    assertThat(r.get("a").isArray()).isTrue();
    assertThat(r.get("a")).hasSize(2);
    assertThat(r.get("b").asText()).isEqualTo("<x>");
  }

  private static JsonNode read(String xml) {
    return XmlJson.read(xml.getBytes(StandardCharsets.UTF_8));
  }
}
