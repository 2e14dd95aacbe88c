package dev.ec2double.ec2.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;

class InstanceProfilesTest {
  private final InstanceProfiles profiles = new InstanceProfiles(Map.of("web", "web-role"));

  private static IamInstanceProfileSpecification byName(String name) {
    return IamInstanceProfileSpecification.builder().name(name).build();
  }

  private static IamInstanceProfileSpecification byArn(String arn) {
    return IamInstanceProfileSpecification.builder().arn(arn).build();
  }

  @Test
  void aNameIsAProfileOfTheCallersAccountWithTheMappedRoleOrItsOwnName() {
    InstanceProfiles.Profile web = profiles.resolve("111122223333", byName("web"));
    assertThat(web.arn()).isEqualTo("arn:aws:iam::111122223333:instance-profile/web");
    assertThat(web.role()).isEqualTo("web-role");
    assertThat(profiles.resolve("111122223333", byName("batch")).role()).isEqualTo("batch");
  }

  @Test
  void anArnWithAPathNamesItsLastPartAndTheIdIsStable() {
    InstanceProfiles.Profile p =
        profiles.resolve("1", byArn("arn:aws:iam::444455556666:instance-profile/team/a/web"));
    assertThat(p.name()).isEqualTo("web");
    assertThat(p.role()).isEqualTo("web-role");
    assertThat(p.id()).matches("AIPA[A-Z2-7]{17}");
    assertThat(profiles.resolve("1", byArn(p.arn())).id()).isEqualTo(p.id());
    assertThat(profiles.resolve("1", byName("other")).id()).isNotEqualTo(p.id());
  }

  @Test
  void refusesWhatCannotNameAProfile() {
    assertThatThrownBy(() -> profiles.resolve("1", byArn("arn:aws:iam::12:role/web")))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.code()).isEqualTo("InvalidParameterValue");
              assertThat(e.getMessage()).contains("Invalid IAM Instance Profile ARN");
            });
    assertThatThrownBy(() -> profiles.resolve("1", byName("no spaces")))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
    assertThatThrownBy(
            () ->
                profiles.resolve(
                    "1",
                    IamInstanceProfileSpecification.builder()
                        .arn("arn:aws:iam::444455556666:instance-profile/web")
                        .name("other")
                        .build()))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterCombination"));
    assertThatThrownBy(
            () -> profiles.resolve("1", IamInstanceProfileSpecification.builder().build()))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.code()).isEqualTo("MissingParameter"));
  }
}
