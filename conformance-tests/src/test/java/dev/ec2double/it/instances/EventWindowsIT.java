package dev.ec2double.it.instances;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceEventWindow;
import software.amazon.awssdk.services.ec2.model.InstanceEventWindowTimeRangeRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Instance event windows through the SDK, on the mock backend. */
class EventWindowsIT {
  private static final String AMI = "ami-0ec2d00000000de12";
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("ca-central-1", "510000000003");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static InstanceEventWindowTimeRangeRequest range(
      String startDay, int startHour, String endDay, int endHour) {
    return InstanceEventWindowTimeRangeRequest.builder()
        .startWeekDay(startDay)
        .startHour(startHour)
        .endWeekDay(endDay)
        .endHour(endHour)
        .build();
  }

  private static String run() {
    return ec2.runInstances(r -> r.imageId(AMI).instanceType("t3.micro").minCount(1).maxCount(1))
        .instances()
        .get(0)
        .instanceId();
  }

  @Test
  void createsDescribesModifiesAndDeletesWindows() {
    InstanceEventWindow w =
        ec2.createInstanceEventWindow(
                r ->
                    r.name("nightly")
                        .timeRanges(range("monday", 2, "monday", 6))
                        .tagSpecifications(
                            t ->
                                t.resourceType(ResourceType.INSTANCE_EVENT_WINDOW)
                                    .tags(g -> g.key("team").value("ops"))))
            .instanceEventWindow();
    assertThat(w.instanceEventWindowId()).matches("iew-[0-9a-f]{17}");
    assertThat(w.stateAsString()).isEqualTo("active");
    assertThat(w.timeRanges().get(0).startWeekDayAsString()).isEqualTo("monday");
    assertThat(w.timeRanges().get(0).endHour()).isEqualTo(6);
    assertThat(w.tags()).extracting(t -> t.value()).containsExactly("ops");
    String id = w.instanceEventWindowId();

    var cron =
        ec2.createInstanceEventWindow(r -> r.name("weekend").cronExpression("* 0-4,20-23 * * 0,6"))
            .instanceEventWindow();
    assertThat(cron.cronExpression()).isEqualTo("* 0-4,20-23 * * 0,6");
    assertThat(cron.timeRanges()).isEmpty();

    assertThat(
            ec2.describeInstanceEventWindows(r -> r.filters(filter("tag:team", "ops")))
                .instanceEventWindows())
        .extracting(InstanceEventWindow::instanceEventWindowId)
        .containsExactly(id);
    assertThat(
            ec2.describeInstanceEventWindows(r -> r.filters(filter("event-window-name", "week*")))
                .instanceEventWindows())
        .extracting(InstanceEventWindow::instanceEventWindowId)
        .containsExactly(cron.instanceEventWindowId());

    var modified =
        ec2.modifyInstanceEventWindow(
                r -> r.instanceEventWindowId(id).name("early").cronExpression("* 1-5 * * 2"))
            .instanceEventWindow();
    assertThat(modified.name()).isEqualTo("early");
    assertThat(modified.cronExpression()).isEqualTo("* 1-5 * * 2");
    assertThat(modified.timeRanges()).isEmpty();

    var deleted =
        ec2.deleteInstanceEventWindow(r -> r.instanceEventWindowId(id)).instanceEventWindowState();
    assertThat(deleted.instanceEventWindowId()).isEqualTo(id);
    assertThat(deleted.stateAsString()).isEqualTo("deleting");
    assertError(
        () -> ec2.describeInstanceEventWindows(r -> r.instanceEventWindowIds(id)),
        "InvalidInstanceEventWindowId.NotFound");
    ec2.deleteInstanceEventWindow(r -> r.instanceEventWindowId(cron.instanceEventWindowId()));
  }

  @Test
  void refusesTimesAwsRefuses() {
    assertError(
        () -> ec2.createInstanceEventWindow(r -> r.timeRanges(range("monday", 2, "monday", 3))),
        "InvalidParameterValue");
    assertError(
        () -> ec2.createInstanceEventWindow(r -> r.cronExpression("5 0-4 * * 1")),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.createInstanceEventWindow(
                r -> r.timeRanges(range("monday", 2, "monday", 8)).cronExpression("* 0-4 * * 1")),
        "InvalidParameterCombination");
    assertError(() -> ec2.createInstanceEventWindow(r -> r.name("x")), "MissingParameter");
    assertError(
        () -> ec2.describeInstanceEventWindows(r -> r.maxResults(10)), "InvalidParameterValue");
    assertError(
        () -> ec2.describeInstanceEventWindows(r -> r.filters(filter("color", "red"))),
        "InvalidParameterValue");
    assertError(
        () -> ec2.deleteInstanceEventWindow(r -> r.instanceEventWindowId("iew-nope")),
        "InvalidInstanceEventWindowId.Malformed");
  }

  @Test
  void associatesOneKindOfTargetAndOneWindowPerInstance() {
    String a = run();
    String b = run();
    String w1 =
        ec2.createInstanceEventWindow(r -> r.cronExpression("* 0-4 * * *"))
            .instanceEventWindow()
            .instanceEventWindowId();
    String w2 =
        ec2.createInstanceEventWindow(r -> r.cronExpression("* 0-4 * * *"))
            .instanceEventWindow()
            .instanceEventWindowId();
    var associated =
        ec2.associateInstanceEventWindow(
                r -> r.instanceEventWindowId(w1).associationTarget(t -> t.instanceIds(a, b)))
            .instanceEventWindow();
    assertThat(associated.associationTarget().instanceIds()).containsExactly(a, b);
    assertThat(
            ec2.describeInstanceEventWindows(r -> r.filters(filter("instance-id", b)))
                .instanceEventWindows())
        .extracting(InstanceEventWindow::instanceEventWindowId)
        .containsExactly(w1);
    assertError(
        () ->
            ec2.associateInstanceEventWindow(
                r -> r.instanceEventWindowId(w2).associationTarget(t -> t.instanceIds(a))),
        "InvalidParameterValue");
    assertError(
        () ->
            ec2.associateInstanceEventWindow(
                r ->
                    r.instanceEventWindowId(w1)
                        .associationTarget(t -> t.instanceTags(g -> g.key("k").value("v")))),
        "InvalidParameterCombination");
    assertError(
        () ->
            ec2.associateInstanceEventWindow(
                r ->
                    r.instanceEventWindowId(w2)
                        .associationTarget(t -> t.instanceIds("i-0123456789abcdef0"))),
        "InvalidInstanceID.NotFound");
    assertError(
        () ->
            ec2.associateInstanceEventWindow(
                r ->
                    r.instanceEventWindowId(w2)
                        .associationTarget(t -> t.dedicatedHostIds("h-0123456789abcdef0"))),
        "InvalidHostID.NotFound");
    var tagged =
        ec2.associateInstanceEventWindow(
                r ->
                    r.instanceEventWindowId(w2)
                        .associationTarget(t -> t.instanceTags(g -> g.key("tier").value("web"))))
            .instanceEventWindow();
    assertThat(tagged.associationTarget().tags()).extracting(t -> t.key()).containsExactly("tier");
    assertThat(
            ec2.describeInstanceEventWindows(r -> r.filters(filter("instance-tag-key", "tier")))
                .instanceEventWindows())
        .extracting(InstanceEventWindow::instanceEventWindowId)
        .containsExactly(w2);

    assertError(
        () -> ec2.deleteInstanceEventWindow(r -> r.instanceEventWindowId(w1)),
        "InvalidInstanceEventWindowState");
    var left =
        ec2.disassociateInstanceEventWindow(
                r -> r.instanceEventWindowId(w1).associationTarget(t -> t.instanceIds(a)))
            .instanceEventWindow();
    assertThat(left.associationTarget().instanceIds()).containsExactly(b);
    ec2.deleteInstanceEventWindow(r -> r.instanceEventWindowId(w1).forceDelete(true));
    ec2.deleteInstanceEventWindow(r -> r.instanceEventWindowId(w2).forceDelete(true));
  }
}
