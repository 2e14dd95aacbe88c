package dev.ec2double.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.core.RequestContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.EnableVolumeIoRequest;
import software.amazon.awssdk.services.ec2.model.EnableVolumeIoResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeSslPoliciesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeSslPoliciesResponse;

class OperationRegistryTest {
  public static final class Renamed {
    public DescribeSslPoliciesResponse describeSslPolicies(
        RequestContext ctx, DescribeSslPoliciesRequest r) {
      return DescribeSslPoliciesResponse.builder().build();
    }

    public EnableVolumeIoResponse enableVolumeIo(RequestContext ctx, EnableVolumeIoRequest r) {
      return EnableVolumeIoResponse.builder().build();
    }

    public String notAnOperation(RequestContext ctx, String s) {
      return s;
    }
  }

  @Test
  void registersActionsByTheNameTheSdkSendsNotTheClassName() {
    OperationRegistry registry =
        new OperationRegistry(RequestContext.class).register(new Renamed());

    assertThat(registry.find(Protocol.QUERY, "DescribeSSLPolicies")).isNotNull();
    assertThat(registry.find(Protocol.EC2, "EnableVolumeIO")).isNotNull();
    assertThat(registry.find(Protocol.QUERY, "DescribeSslPolicies")).isNull();
    assertThat(registry.all()).hasSize(2);
  }

  @Test
  void knowsWhichActionsTheRealApiHas() {
    OperationRegistry registry = new OperationRegistry(RequestContext.class);

    assertThat(registry.exists(Protocol.EC2, "DescribeInstances")).isTrue();
    assertThat(registry.exists(Protocol.EC2, "EnableVolumeIO")).isTrue();
    assertThat(registry.exists(Protocol.EC2, "EnableVolumeIo")).isFalse();
    assertThat(registry.exists(Protocol.EC2, "DescribeLoadBalancers")).isFalse();
    assertThat(registry.exists(Protocol.QUERY, "DescribeSSLPolicies")).isTrue();
    assertThat(registry.exists(Protocol.QUERY, "DescribeInstances")).isFalse();
    assertThat(registry.exists(Protocol.EC2, "CreditSpecification")).isFalse();
    assertThat(registry.exists(Protocol.EC2, null)).isFalse();
  }

  @Test
  void refusesToRegisterAnActionTwice() {
    OperationRegistry registry =
        new OperationRegistry(RequestContext.class).register(new Renamed());

    assertThatThrownBy(() -> registry.register(new Renamed()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("implemented twice");
  }
}
