package dev.ec2double.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.EnableVolumeIoRequest;

class SdkActionsTest {
  @Test
  void findsEveryActionOfTheClientByItsWireNameAlone() {
    for (Protocol p : Protocol.values()) {
      Map<String, Class<?>> all = SdkActions.of(p);

      assertThat(all)
          .hasSizeGreaterThan(
              switch (p) {
                case EC2 -> 600;
                case QUERY -> 30;
                case STS -> 8;
                case AUTOSCALING -> 50;
              });
      all.forEach(
          (action, type) ->
              assertThat(SdkActions.requestType(p, action)).as(action).isEqualTo(type));
    }
  }

  @Test
  void findsNoActionTheApiDoesNotHave() {
    assertThat(SdkActions.requestType(Protocol.EC2, "EnableVolumeIO"))
        .isEqualTo(EnableVolumeIoRequest.class);
    assertThat(SdkActions.requestType(Protocol.EC2, "EnableVolumeIo")).isNull();
    assertThat(SdkActions.requestType(Protocol.EC2, "describeinstances")).isNull();
    assertThat(SdkActions.requestType(Protocol.EC2, "LaunchTemplateInstanceMetadataOptions"))
        .isNull();
    assertThat(SdkActions.requestType(Protocol.QUERY, "DescribeInstances")).isNull();
    assertThat(SdkActions.requestType(Protocol.STS, "DescribeInstances")).isNull();
    assertThat(SdkActions.requestType(Protocol.STS, "GetCallerIdentity")).isNotNull();
    assertThat(SdkActions.requestType(Protocol.EC2, "")).isNull();
    assertThat(SdkActions.requestType(Protocol.EC2, null)).isNull();
  }
}
