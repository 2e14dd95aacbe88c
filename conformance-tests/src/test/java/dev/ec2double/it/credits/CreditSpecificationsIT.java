package dev.ec2double.it.credits;

import static dev.ec2double.it.Ec2Calls.error;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceCreditSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.UnlimitedSupportedInstanceFamily;

/** Credit specifications of burstable instances, on the mock backend. */
class CreditSpecificationsIT {
  private static final String AMI = "ami-0ec2d00000000de12";
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("eu-west-2", "AKIDCREDITS");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String run(String type, String credits) {
    return run(ec2, type, credits);
  }

  private static String run(Ec2Client ec2, String type, String credits) {
    return ec2.runInstances(
            r -> {
              r.imageId(AMI).instanceType(type).minCount(1).maxCount(1);
              if (credits != null) {
                r.creditSpecification(c -> c.cpuCredits(credits));
              }
            })
        .instances()
        .get(0)
        .instanceId();
  }

  private static String credits(String id) {
    return credits(ec2, id);
  }

  private static String credits(Ec2Client ec2, String id) {
    return ec2.describeInstanceCreditSpecifications(r -> r.instanceIds(id))
        .instanceCreditSpecifications()
        .get(0)
        .cpuCredits();
  }

  @Test
  void eachFamilyHasItsDefaultAndALaunchMayAskForTheOther() {
    assertThat(credits(run("t2.micro", null))).isEqualTo("standard");
    assertThat(credits(run("t3.micro", null))).isEqualTo("unlimited");
    assertThat(credits(run("t3a.small", null))).isEqualTo("unlimited");
    assertThat(credits(run("t3.micro", "standard"))).isEqualTo("standard");
    String m5 = run("m5.large", null);
    assertThat(
            ec2.describeInstanceCreditSpecifications(r -> r.instanceIds(m5))
                .instanceCreditSpecifications())
        .isEmpty();
    assertThat(error(() -> run("m5.large", "unlimited")))
        .startsWith("InvalidParameterCombination:");
    assertThat(error(() -> run("t3.micro", "infinite"))).startsWith("InvalidParameterValue:");
  }

  @Test
  void aLaunchTemplatesCreditSpecificationApplies() {
    String lt =
        ec2.createLaunchTemplate(
                r ->
                    r.launchTemplateName("credits-template")
                        .launchTemplateData(
                            d ->
                                d.imageId(AMI)
                                    .instanceType("t3.nano")
                                    .creditSpecification(c -> c.cpuCredits("standard"))))
            .launchTemplate()
            .launchTemplateId();
    String id =
        ec2.runInstances(r -> r.minCount(1).maxCount(1).launchTemplate(t -> t.launchTemplateId(lt)))
            .instances()
            .get(0)
            .instanceId();

    assertThat(credits(id)).isEqualTo("standard");
  }

  @Test
  void modifyingAnInstanceChangesItsOptionAndReportsWhatCannotChange() {
    String t3 = run("t3.small", null);
    String m5 = run("m5.large", null);

    var answer =
        ec2.modifyInstanceCreditSpecification(
            r ->
                r.instanceCreditSpecifications(
                    InstanceCreditSpecificationRequest.builder()
                        .instanceId(t3)
                        .cpuCredits("standard")
                        .build(),
                    InstanceCreditSpecificationRequest.builder()
                        .instanceId(m5)
                        .cpuCredits("standard")
                        .build(),
                    InstanceCreditSpecificationRequest.builder()
                        .instanceId("i-0000000000000dead")
                        .cpuCredits("standard")
                        .build()));

    assertThat(answer.successfulInstanceCreditSpecifications())
        .extracting(s -> s.instanceId())
        .containsExactly(t3);
    assertThat(answer.unsuccessfulInstanceCreditSpecifications())
        .extracting(u -> u.error().codeAsString())
        .containsExactly("InstanceCreditSpecification.NotSupported", "InvalidInstanceID.NotFound");
    assertThat(credits(t3)).isEqualTo("standard");
    assertThat(
            ec2.describeInstanceCreditSpecifications(r -> r.filters(filter("instance-id", t3)))
                .instanceCreditSpecifications())
        .hasSize(1);
    assertThat(
            error(
                () ->
                    ec2.describeInstanceCreditSpecifications(
                        r -> r.instanceIds("i-0000000000000dead"))))
        .startsWith("InvalidInstanceID.NotFound:");
  }

  @Test
  void theAccountDefaultOfAFamilyChangesNewInstancesOnly() {
    // a region of its own: the other tests rely on AWS's defaults
    try (Ec2Client own = TestServer.ec2("ap-northeast-3", "AKIDCREDITDEFAULTS")) {
      defaultsChange(own);
    }
  }

  private static void defaultsChange(Ec2Client ec2) {
    String before = run(ec2, "t2.small", null);
    assertThat(
            ec2.getDefaultCreditSpecification(
                    r -> r.instanceFamily(UnlimitedSupportedInstanceFamily.T2))
                .instanceFamilyCreditSpecification()
                .cpuCredits())
        .isEqualTo("standard");

    var changed =
        ec2.modifyDefaultCreditSpecification(
            r -> r.instanceFamily(UnlimitedSupportedInstanceFamily.T2).cpuCredits("unlimited"));

    assertThat(changed.instanceFamilyCreditSpecification().cpuCredits()).isEqualTo("unlimited");
    assertThat(
            ec2.getDefaultCreditSpecification(r -> r.instanceFamily("t2"))
                .instanceFamilyCreditSpecification()
                .cpuCredits())
        .isEqualTo("unlimited");
    assertThat(credits(ec2, run(ec2, "t2.small", null))).isEqualTo("unlimited");
    assertThat(credits(ec2, before)).isEqualTo("standard");
    assertThat(error(() -> ec2.getDefaultCreditSpecification(r -> r.instanceFamily("m5"))))
        .startsWith("InvalidParameterValue:");
    assertThat(
            error(
                () ->
                    ec2.modifyDefaultCreditSpecification(
                        r -> r.instanceFamily("t3").cpuCredits("lots"))))
        .startsWith("InvalidParameterValue:");
  }
}
