package dev.ec2double.it.instances;

import static dev.ec2double.it.Ec2Calls.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IdFormat;

/** Serial console access, id formats and event notification attributes, on the mock backend. */
class AccountSettingsIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("sa-east-1", "510000000004");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  @Test
  void serialConsoleAccessIsOffUntilEnabledPerRegion() {
    assertThat(ec2.getSerialConsoleAccessStatus(r -> {}).serialConsoleAccessEnabled()).isFalse();
    assertThat(ec2.enableSerialConsoleAccess(r -> {}).serialConsoleAccessEnabled()).isTrue();
    var status = ec2.getSerialConsoleAccessStatus(r -> {});
    assertThat(status.serialConsoleAccessEnabled()).isTrue();
    assertThat(status.managedByAsString()).isEqualTo("account");
    try (Ec2Client other = TestServer.ec2("eu-west-3", "510000000004")) {
      assertThat(other.getSerialConsoleAccessStatus(r -> {}).serialConsoleAccessEnabled())
          .isFalse();
    }
    assertThat(ec2.disableSerialConsoleAccess(r -> {}).serialConsoleAccessEnabled()).isFalse();
    assertThat(ec2.getSerialConsoleAccessStatus(r -> {}).serialConsoleAccessEnabled()).isFalse();
  }

  @Test
  void everyResourceUsesLongIds() {
    var all = ec2.describeIdFormat(r -> {}).statuses();
    assertThat(all).hasSize(31).allMatch(IdFormat::useLongIds);
    assertThat(all).extracting(IdFormat::resource).contains("instance", "vpc", "volume");
    assertThat(ec2.describeIdFormat(r -> r.resource("instance")).statuses())
        .extracting(IdFormat::resource)
        .containsExactly("instance");
    assertThat(
            ec2.describeIdentityIdFormat(
                    r -> r.principalArn("arn:aws:iam::510000000004:role/builder").resource("vpc"))
                .statuses())
        .allMatch(IdFormat::useLongIds);
    var principals = ec2.describePrincipalIdFormat(r -> r.resources("volume")).principals();
    assertThat(principals.get(0).arn()).isEqualTo("arn:aws:iam::510000000004:root");
    assertThat(principals.get(0).statuses())
        .extracting(IdFormat::resource)
        .containsExactly("volume");
    var aggregate = ec2.describeAggregateIdFormat(r -> {});
    assertThat(aggregate.useLongIdsAggregated()).isTrue();
    ec2.modifyIdFormat(r -> r.resource("instance").useLongIds(true));
    ec2.modifyIdentityIdFormat(r -> r.resource("all-current").useLongIds(true).principalArn("all"));
    assertError(
        () -> ec2.modifyIdFormat(r -> r.resource("instance").useLongIds(false)),
        "InvalidParameterValue");
    assertError(() -> ec2.describeIdFormat(r -> r.resource("gadget")), "InvalidParameterValue");
    assertError(
        () -> ec2.describeIdentityIdFormat(r -> r.principalArn("bob")), "InvalidParameterValue");
    assertError(() -> ec2.describePrincipalIdFormat(r -> r.maxResults(0)), "InvalidParameterValue");
  }

  @Test
  void eventNotificationTagKeysAreRegisteredAndDeregistered() {
    var none = ec2.describeInstanceEventNotificationAttributes(r -> {}).instanceTagAttribute();
    assertThat(none.instanceTagKeys()).isEmpty();
    assertThat(none.includeAllTagsOfInstance()).isFalse();
    var keys =
        ec2.registerInstanceEventNotificationAttributes(
                r -> r.instanceTagAttribute(a -> a.instanceTagKeys("Name", "team")))
            .instanceTagAttribute();
    assertThat(keys.instanceTagKeys()).containsExactly("Name", "team");
    ec2.registerInstanceEventNotificationAttributes(
        r -> r.instanceTagAttribute(a -> a.includeAllTagsOfInstance(true)));
    assertThat(
            ec2.describeInstanceEventNotificationAttributes(r -> {})
                .instanceTagAttribute()
                .includeAllTagsOfInstance())
        .isTrue();
    var left =
        ec2.deregisterInstanceEventNotificationAttributes(
                r ->
                    r.instanceTagAttribute(
                        a -> a.instanceTagKeys("Name").includeAllTagsOfInstance(true)))
            .instanceTagAttribute();
    assertThat(left.instanceTagKeys()).containsExactly("team");
    assertThat(left.includeAllTagsOfInstance()).isFalse();
    assertError(
        () ->
            ec2.registerInstanceEventNotificationAttributes(
                r ->
                    r.instanceTagAttribute(
                        a -> a.instanceTagKeys("x").includeAllTagsOfInstance(true))),
        "InvalidParameterCombination");
    assertError(
        () -> ec2.registerInstanceEventNotificationAttributes(r -> r.instanceTagAttribute(a -> {})),
        "MissingParameter");
  }
}
