package dev.ec2double.it.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.it.AwsCli;
import dev.ec2double.it.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociationState;
import software.amazon.awssdk.services.ec2.model.Instance;

/** Instance profiles on RunInstances and the association actions (API only: mock backend). */
class IamInstanceProfilesIT {
  private static final String ACCOUNT = "123456789012";
  private static Ec2Client ec2;
  private static String ami;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2();
    ami = ec2.describeImages(r -> r.owners("amazon")).images().get(0).imageId();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static Instance launch(String profileName) {
    return ec2.runInstances(
            r ->
                r.imageId(ami).minCount(1).maxCount(1).iamInstanceProfile(p -> p.name(profileName)))
        .instances()
        .get(0);
  }

  private static Instance describe(String id) {
    return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
  }

  private static List<IamInstanceProfileAssociation> associationsOf(String instanceId) {
    return ec2.describeIamInstanceProfileAssociations(
            r -> r.filters(f -> f.name("instance-id").values(instanceId)))
        .iamInstanceProfileAssociations();
  }

  private static String code(Runnable call) {
    try {
      call.run();
    } catch (Ec2Exception e) {
      return e.awsErrorDetails().errorCode();
    }
    throw new AssertionError("no error");
  }

  @Test
  void runInstancesWithAProfileShowsItAndAnAssociation() {
    Instance launched = launch("web-profile");

    String arn = "arn:aws:iam::" + ACCOUNT + ":instance-profile/web-profile";
    assertThat(launched.iamInstanceProfile().arn()).isEqualTo(arn);
    assertThat(launched.iamInstanceProfile().id()).matches("AIPA[A-Z2-7]{17}");
    Instance described = describe(launched.instanceId());
    assertThat(described.iamInstanceProfile()).isEqualTo(launched.iamInstanceProfile());
    assertThat(associationsOf(launched.instanceId()))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.associationId()).matches("iip-assoc-[0-9a-f]{17}");
              assertThat(a.state()).isEqualTo(IamInstanceProfileAssociationState.ASSOCIATED);
              assertThat(a.iamInstanceProfile().arn()).isEqualTo(arn);
              assertThat(a.timestamp()).isNotNull();
            });
    ec2.terminateInstances(r -> r.instanceIds(launched.instanceId()));
  }

  @Test
  void associateReplaceAndDisassociateFollowAwsRules() {
    String id =
        ec2.runInstances(r -> r.imageId(ami).minCount(1).maxCount(1))
            .instances()
            .get(0)
            .instanceId();
    assertThat(describe(id).iamInstanceProfile()).isNull();
    String byArn = "arn:aws:iam::" + ACCOUNT + ":instance-profile/ops/app";

    IamInstanceProfileAssociation first =
        ec2.associateIamInstanceProfile(r -> r.instanceId(id).iamInstanceProfile(p -> p.arn(byArn)))
            .iamInstanceProfileAssociation();
    assertThat(first.state()).isEqualTo(IamInstanceProfileAssociationState.ASSOCIATING);
    assertThat(describe(id).iamInstanceProfile().arn()).isEqualTo(byArn);
    assertThat(
            code(
                () ->
                    ec2.associateIamInstanceProfile(
                        r -> r.instanceId(id).iamInstanceProfile(p -> p.name("other")))))
        .isEqualTo("IncorrectState");

    IamInstanceProfileAssociation replaced =
        ec2.replaceIamInstanceProfileAssociation(
                r -> r.associationId(first.associationId()).iamInstanceProfile(p -> p.name("v2")))
            .iamInstanceProfileAssociation();
    assertThat(replaced.associationId()).isNotEqualTo(first.associationId());
    assertThat(describe(id).iamInstanceProfile().arn()).endsWith(":instance-profile/v2");
    assertThat(
            code(
                () ->
                    ec2.describeIamInstanceProfileAssociations(
                        r -> r.associationIds(first.associationId()))))
        .isEqualTo("InvalidAssociationID.NotFound");

    IamInstanceProfileAssociation gone =
        ec2.disassociateIamInstanceProfile(r -> r.associationId(replaced.associationId()))
            .iamInstanceProfileAssociation();
    assertThat(gone.state()).isEqualTo(IamInstanceProfileAssociationState.DISASSOCIATING);
    assertThat(describe(id).iamInstanceProfile()).isNull();
    assertThat(associationsOf(id)).isEmpty();
    ec2.terminateInstances(r -> r.instanceIds(id));
  }

  @Test
  void badInputIsRefusedAndNothingIsLaunched() {
    int before = ec2.describeInstances().reservations().size();
    assertThatThrownBy(
            () ->
                ec2.runInstances(
                    r ->
                        r.imageId(ami)
                            .minCount(1)
                            .maxCount(1)
                            .iamInstanceProfile(p -> p.arn("arn:aws:iam::nope"))))
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
              assertThat(e.awsErrorDetails().errorMessage())
                  .contains("Invalid IAM Instance Profile ARN");
            });
    assertThat(ec2.describeInstances().reservations()).hasSize(before);
    assertThat(code(() -> ec2.disassociateIamInstanceProfile(r -> r.associationId("iip-assoc-x"))))
        .isEqualTo("InvalidParameterValue");
    assertThat(
            code(
                () ->
                    ec2.disassociateIamInstanceProfile(
                        r -> r.associationId("iip-assoc-0123456789abcdef0"))))
        .isEqualTo("InvalidAssociationID.NotFound");
    assertThat(
            code(
                () ->
                    ec2.describeIamInstanceProfileAssociations(
                        r -> r.filters(f -> f.name("profile").values("x")))))
        .isEqualTo("InvalidParameterValue");
  }

  @Test
  void aTerminatedInstancesAssociationIsNoLongerListed() {
    Instance i = launch("short-lived");
    assertThat(associationsOf(i.instanceId())).hasSize(1);

    ec2.terminateInstances(r -> r.instanceIds(i.instanceId()));

    assertThat(associationsOf(i.instanceId())).isEmpty();
  }

  @Test
  void aLaunchTemplatesProfileIsTheInstancesProfile() {
    String template =
        ec2.createLaunchTemplate(
                r ->
                    r.launchTemplateName("with-profile-" + System.nanoTime())
                        .launchTemplateData(
                            d -> d.imageId(ami).iamInstanceProfile(p -> p.name("from-template"))))
            .launchTemplate()
            .launchTemplateId();

    Instance i =
        ec2.runInstances(
                r -> r.minCount(1).maxCount(1).launchTemplate(t -> t.launchTemplateId(template)))
            .instances()
            .get(0);

    assertThat(describe(i.instanceId()).iamInstanceProfile().arn())
        .isEqualTo("arn:aws:iam::" + ACCOUNT + ":instance-profile/from-template");
    assertThat(associationsOf(i.instanceId())).hasSize(1);
    ec2.terminateInstances(r -> r.instanceIds(i.instanceId()));
    ec2.deleteLaunchTemplate(r -> r.launchTemplateId(template));
  }

  @Test
  void theAwsCliReadsTheAssociations() throws Exception {
    AwsCli.requireInstalled("IamInstanceProfilesIT");
    Instance i = launch("cli-profile");

    AwsCli.Run run =
        AwsCli.run(
            "us-east-1",
            "ec2",
            "describe-iam-instance-profile-associations",
            "--filters",
            "Name=instance-id,Values=" + i.instanceId());

    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(run.stdout())
        .contains("\"InstanceId\": \"" + i.instanceId() + "\"")
        .contains("\"Arn\": \"arn:aws:iam::" + ACCOUNT + ":instance-profile/cli-profile\"")
        .contains("\"State\": \"associated\"");
    ec2.terminateInstances(r -> r.instanceIds(i.instanceId()));
  }
}
