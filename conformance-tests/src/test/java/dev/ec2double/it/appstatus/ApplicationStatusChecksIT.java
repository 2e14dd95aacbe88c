package dev.ec2double.it.appstatus;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ApplicationStatusCheckResponseObject;
import software.amazon.awssdk.services.ec2.model.InstanceApplicationStatus;

/**
 * Application status checks on the mock backend: the checks, their associations and suppressions as
 * the API reference describes them; with nothing running, an associated check's data is {@code
 * insufficient-data} (DockerApplicationStatusIT probes real instances).
 */
class ApplicationStatusChecksIT {
  private static final Ec2Client ec2 = TestServer.ec2("eu-north-1", "350987654321");

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String instance() {
    return ec2.runInstances(
            r -> r.imageId("ami-0ec2d00000000de12").instanceType("t3.nano").minCount(1).maxCount(1))
        .instances()
        .get(0)
        .instanceId();
  }

  @Test
  void aCheckIsCreatedWithAwsDefaultsDescribedModifiedAndDeleted() {
    ApplicationStatusCheckResponseObject c =
        ec2.createApplicationStatusCheck(
                r ->
                    r.protocol("http")
                        .port(8080)
                        .path("/health")
                        .tagSpecifications(
                            t ->
                                t.resourceType("application-status-check")
                                    .tags(x -> x.key("team").value("web"))))
            .applicationStatusCheck();
    assertThat(c.applicationStatusCheckId()).matches("asc-[0-9a-f]{17}");
    assertThat(c.aggregationAsString()).isEqualTo("included");
    assertThat(c.interval()).isEqualTo(60);
    assertThat(c.timeout()).isEqualTo(6);
    assertThat(c.failureThreshold()).isEqualTo(2);
    assertThat(c.successThreshold()).isEqualTo(2);
    assertThat(c.statusCodeMatcher()).isEqualTo("200");
    assertThat(c.initializationGracePeriodSeconds()).isEqualTo(300);
    assertThat(c.tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=web");
    String id = c.applicationStatusCheckId();

    ApplicationStatusCheckResponseObject modified =
        ec2.modifyApplicationStatusCheck(
                r ->
                    r.applicationStatusCheckId(id)
                        .aggregation("excluded")
                        .statusCodeMatcher("200-299"))
            .applicationStatusCheck();
    assertThat(modified.aggregationAsString()).isEqualTo("excluded");
    assertThat(modified.port()).isEqualTo(8080);
    assertThat(modified.modifyTime()).isNotNull();
    assertThat(
            ec2.describeApplicationStatusChecks(
                    r -> r.applicationStatusCheckIds(id).filters(filter("aggregation", "excluded")))
                .applicationStatusChecks())
        .extracting(ApplicationStatusCheckResponseObject::statusCodeMatcher)
        .containsExactly("200-299");
    assertThat(ec2.describeTags(r -> r.filters(filter("resource-id", id))).tags()).hasSize(1);

    assertThat(
            ec2.deleteApplicationStatusCheck(r -> r.applicationStatusCheckId(id))
                .applicationStatusCheck()
                .deletionTime())
        .isNotNull();
    assertError(
        () -> ec2.describeApplicationStatusChecks(r -> r.applicationStatusCheckIds(id)),
        "InvalidApplicationStatusCheckId.NotFound");
    assertThat(
            ec2.describeApplicationStatusChecks(
                    r -> r.applicationStatusCheckIds(id).includeAll(true))
                .applicationStatusChecks())
        .hasSize(1);
  }

  @Test
  void badSettingsAnswerAwsErrors() {
    assertError(() -> ec2.createApplicationStatusCheck(r -> r.port(80)), "MissingParameter");
    assertError(
        () -> ec2.createApplicationStatusCheck(r -> r.protocol("tcp").port(80)),
        "InvalidParameterValue");
    assertError(
        () -> ec2.createApplicationStatusCheck(r -> r.protocol("http").port(70000)),
        "InvalidParameterValue");
    assertError(
        () -> ec2.createApplicationStatusCheck(r -> r.protocol("http").port(80).path("health")),
        "InvalidParameterValue");
    assertError(
        () -> ec2.createApplicationStatusCheck(r -> r.protocol("http").port(80).interval(30)),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.createApplicationStatusCheck(
                r -> r.protocol("http").port(80).statusCodeMatcher("300-200")),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.createApplicationStatusCheck(
                r -> r.protocol("http").port(80).initializationGracePeriodSeconds(601)),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.modifyApplicationStatusCheck(
                r -> r.applicationStatusCheckId("asc-0123456789abcdef0").port(81)),
        "InvalidApplicationStatusCheckId.NotFound");
    assertError(
        () -> ec2.describeApplicationStatusChecks(r -> r.filters(filter("port", "80"))),
        "InvalidParameterValue");
  }

  @Test
  void associationsByIdAndTagDecideWhatAnInstanceReports() {
    String watched = instance();
    String tagged = instance();
    String alone = instance();
    ec2.createTags(r -> r.resources(tagged).tags(t -> t.key("app").value("shop")));
    String id =
        ec2.createApplicationStatusCheck(
                r -> r.protocol("http").port(80).initializationGracePeriodSeconds(1))
            .applicationStatusCheck()
            .applicationStatusCheckId();

    var byId =
        ec2.associateApplicationStatusCheck(
            r -> r.applicationStatusCheckId(id).instanceIds(watched, "i-0123456789abcdef0"));
    assertThat(byId.successfulResults())
        .extracting(x -> x.associationValue())
        .containsExactly(watched);
    assertThat(byId.unsuccessfulResults())
        .extracting(x -> x.reason())
        .containsExactly("InvalidInstanceID.NotFound");
    ec2.associateApplicationStatusCheck(
        r -> r.applicationStatusCheckId(id).targetTagAssociations(t -> t.key("app").value("shop")));
    assertError(
        () ->
            ec2.associateApplicationStatusCheck(
                r ->
                    r.applicationStatusCheckId(id)
                        .instanceIds(watched)
                        .targetTagAssociations(t -> t.key("app").value("shop"))),
        "InvalidParameterCombination");
    assertThat(
            ec2.describeApplicationStatusCheckAssociations(
                    r -> r.applicationStatusCheckIds(id).filters(filter("association-type", "tag")))
                .associations())
        .extracting(a -> a.key() + "=" + a.value())
        .containsExactly("app=shop");

    List<InstanceApplicationStatus> statuses =
        ec2.describeApplicationStatus(r -> r.instanceIds(watched, tagged, alone))
            .applicationStatuses()
            .instances();
    assertThat(statuses)
        .extracting(s -> s.instanceId() + ":" + s.applicationStatus().statusAsString())
        .containsExactly(
            watched + ":insufficient-data",
            tagged + ":insufficient-data",
            alone + ":not-applicable");
    assertThat(statuses.get(0).applicationStatus().details())
        .extracting(d -> d.applicationStatusCheckId() + ":" + d.statusAsString())
        .containsExactly(id + ":insufficient-data");
    assertThat(statuses.get(0).availabilityZoneId()).startsWith("eun1-az");
    assertThat(
            ec2.describeApplicationStatus(
                    r -> r.instanceIds(watched, alone).filters(filter("status", "not-applicable")))
                .applicationStatuses()
                .instances())
        .extracting(InstanceApplicationStatus::instanceId)
        .containsExactly(alone);

    var gone =
        ec2.disassociateApplicationStatusCheck(
            r -> r.applicationStatusCheckId(id).instanceIds(watched, alone));
    assertThat(gone.successfulResults()).hasSize(1);
    assertThat(gone.unsuccessfulResults())
        .extracting(x -> x.associationValue())
        .containsExactly(alone);
    assertThat(
            ec2.describeApplicationStatus(r -> r.instanceIds(watched))
                .applicationStatuses()
                .instances()
                .get(0)
                .applicationStatus()
                .statusAsString())
        .isEqualTo("not-applicable");
  }

  @Test
  void suppressionShowsUntilItIsDisabled() {
    String i = instance();
    String id =
        ec2.createApplicationStatusCheck(r -> r.protocol("https").port(443))
            .applicationStatusCheck()
            .applicationStatusCheckId();
    ec2.associateApplicationStatusCheck(r -> r.applicationStatusCheckId(id).instanceIds(i));

    var on =
        ec2.enableApplicationStatusCheckSuppression(
            r -> r.instanceIds(i, "i-0123456789abcdef0").durationSeconds(3600));
    assertThat(on.successfulResults().get(0).resumeAt())
        .isAfter(on.successfulResults().get(0).suppressAt());
    assertThat(on.unsuccessfulResults()).hasSize(1);
    var status =
        ec2.describeApplicationStatus(r -> r.instanceIds(i))
            .applicationStatuses()
            .instances()
            .get(0);
    assertThat(status.applicationStatus().statusAsString()).isEqualTo("suppressed");
    assertThat(status.applicationStatus().resumeAt()).isNotNull();

    ec2.disableApplicationStatusCheckSuppression(r -> r.instanceIds(i));
    assertThat(
            ec2.describeApplicationStatus(r -> r.instanceIds(i))
                .applicationStatuses()
                .instances()
                .get(0)
                .applicationStatus()
                .statusAsString())
        .isEqualTo("insufficient-data");
    assertError(
        () -> ec2.enableApplicationStatusCheckSuppression(r -> r.instanceIds(i).durationSeconds(0)),
        "InvalidParameterValue");
    assertError(
        () -> ec2.describeApplicationStatus(r -> r.instanceIds("i-0123456789abcdef0")),
        "InvalidInstanceID.NotFound");
  }
}
