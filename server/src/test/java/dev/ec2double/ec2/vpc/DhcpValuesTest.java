package dev.ec2double.ec2.vpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.NewDhcpConfiguration;

class DhcpValuesTest {
  private static NewDhcpConfiguration option(String key, String... values) {
    return NewDhcpConfiguration.builder().key(key).values(values).build();
  }

  private static void refused(NewDhcpConfiguration... options) {
    assertThatThrownBy(() -> DhcpValues.of(List.of(options)))
        .isInstanceOf(AwsException.class)
        .extracting(e -> ((AwsException) e).code())
        .isEqualTo("InvalidParameterValue");
  }

  @Test
  void splitsCommaSeparatedServersAndKeepsTheOrderGiven() {
    var options =
        DhcpValues.of(
            List.of(
                option("domain-name-servers", "10.0.0.2, 10.0.0.3", "AmazonProvidedDNS"),
                option("domain-name", "a.example b.example")));
    assertThat(options.keySet()).containsExactly("domain-name-servers", "domain-name");
    assertThat(options.get("domain-name-servers"))
        .containsExactly("10.0.0.2", "10.0.0.3", "AmazonProvidedDNS");
    assertThat(options.get("domain-name")).containsExactly("a.example b.example");
  }

  @Test
  void holdsTheLimitsOfEachOption() {
    refused(option("domain-name-servers", "1.1.1.1,2.2.2.2,3.3.3.3,AmazonProvidedDNS,4.4.4.4"));
    refused(option("netbios-name-servers", "fd00::1"));
    refused(option("ntp-servers", "ntp.example"));
    refused(option("netbios-node-type", "2", "8"));
    refused(option("ipv6-address-preferred-lease-time", "2147483648"));
    refused(option("domain-name", " "));
    refused(option("domain-name", "a"), option("domain-name", "b"));
    refused(option("routers", "10.0.0.1"));
    assertThat(DhcpValues.of(List.of(option("ipv6-address-preferred-lease-time", "140"))))
        .containsKey("ipv6-address-preferred-lease-time");
  }

  @Test
  void readsIpv6LiteralsWithoutLookingAnythingUp() {
    assertThat(DhcpValues.isIpv6("fd00:ec2::123")).isTrue();
    assertThat(DhcpValues.isIpv6("::1")).isTrue();
    assertThat(DhcpValues.isIpv6("2001:db8:0:0:0:0:0:1")).isTrue();
    assertThat(DhcpValues.isIpv6("2001:db8::1::2")).isFalse();
    assertThat(DhcpValues.isIpv6("1:2:3:4:5:6:7:8:")).isFalse();
    assertThat(DhcpValues.isIpv6("12345::1")).isFalse();
    assertThat(DhcpValues.isIpv6("cafe")).isFalse();
  }
}
