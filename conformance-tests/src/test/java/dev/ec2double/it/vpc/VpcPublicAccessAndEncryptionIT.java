package dev.ec2double.it.vpc;

import static dev.ec2double.it.Ec2Calls.assertError;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VpcBlockPublicAccessExclusion;
import software.amazon.awssdk.services.ec2.model.VpcBlockPublicAccessOptions;
import software.amazon.awssdk.services.ec2.model.VpcEncryptionControl;
import software.amazon.awssdk.services.ec2.model.VpcEncryptionNonCompliantResource;

/**
 * VPC Block Public Access and VPC encryption controls (records), on the mock backend. The AWS CLI
 * 2.9 that CI installs predates both families, so only the SDK drives them.
 */
class VpcPublicAccessAndEncryptionIT {
  private static final String REGION = "sa-east-1";
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2(REGION, "AKIDBPAENCRYPTION");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  @Test
  void blockPublicAccessModeAndExclusions() {
    VpcBlockPublicAccessOptions start =
        ec2.describeVpcBlockPublicAccessOptions(r -> {}).vpcBlockPublicAccessOptions();
    assertThat(start.internetGatewayBlockModeAsString()).isEqualTo("off");
    assertThat(start.stateAsString()).isEqualTo("default-state");
    assertThat(start.awsRegion()).isEqualTo(REGION);
    assertThat(start.exclusionsAllowedAsString()).isEqualTo("allowed");

    assertThat(
            ec2.modifyVpcBlockPublicAccessOptions(
                    r -> r.internetGatewayBlockMode("block-bidirectional"))
                .vpcBlockPublicAccessOptions()
                .stateAsString())
        .isEqualTo("update-in-progress");
    VpcBlockPublicAccessOptions now =
        ec2.describeVpcBlockPublicAccessOptions(r -> {}).vpcBlockPublicAccessOptions();
    assertThat(now.internetGatewayBlockModeAsString()).isEqualTo("block-bidirectional");
    assertThat(now.stateAsString()).isEqualTo("update-complete");
    assertThat(now.lastUpdateTimestamp()).isNotNull();
    assertError(
        () -> ec2.modifyVpcBlockPublicAccessOptions(r -> r.internetGatewayBlockMode("block-all")),
        "InvalidParameterValue");

    String vpc = ec2.createVpc(r -> r.cidrBlock("10.91.0.0/16")).vpc().vpcId();
    String subnet =
        ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.91.1.0/24")).subnet().subnetId();
    VpcBlockPublicAccessExclusion ofVpc =
        ec2.createVpcBlockPublicAccessExclusion(
                r ->
                    r.vpcId(vpc)
                        .internetGatewayExclusionMode("allow-egress")
                        .tagSpecifications(
                            TagSpecification.builder()
                                .resourceType(ResourceType.VPC_BLOCK_PUBLIC_ACCESS_EXCLUSION)
                                .tags(Tag.builder().key("team").value("web").build())
                                .build()))
            .vpcBlockPublicAccessExclusion();
    assertThat(ofVpc.exclusionId()).matches("exclusion-[0-9a-f]{17}");
    assertThat(ofVpc.stateAsString()).isEqualTo("create-in-progress");
    assertThat(ofVpc.resourceArn()).endsWith(":vpc/" + vpc);
    VpcBlockPublicAccessExclusion ofSubnet =
        ec2.createVpcBlockPublicAccessExclusion(
                r -> r.subnetId(subnet).internetGatewayExclusionMode("allow-bidirectional"))
            .vpcBlockPublicAccessExclusion();
    assertError(
        () ->
            ec2.createVpcBlockPublicAccessExclusion(
                r -> r.vpcId(vpc).internetGatewayExclusionMode("allow-egress")),
        "VpcBlockPublicAccessExclusion.Duplicate");
    assertError(
        () ->
            ec2.createVpcBlockPublicAccessExclusion(
                r -> r.vpcId(vpc).subnetId(subnet).internetGatewayExclusionMode("allow-egress")),
        "InvalidParameterCombination");
    assertError(
        () ->
            ec2.createVpcBlockPublicAccessExclusion(
                r -> r.vpcId("vpc-0123456789abcdef0").internetGatewayExclusionMode("allow-egress")),
        "InvalidVpcID.NotFound");

    assertThat(
            ec2.describeVpcBlockPublicAccessExclusions(r -> r.filters(filter("tag:team", "web")))
                .vpcBlockPublicAccessExclusions())
        .extracting(VpcBlockPublicAccessExclusion::exclusionId)
        .containsExactly(ofVpc.exclusionId());
    assertThat(
            ec2.describeVpcBlockPublicAccessExclusions(
                    r ->
                        r.filters(filter("internet-gateway-exclusion-mode", "allow-bidirectional")))
                .vpcBlockPublicAccessExclusions())
        .extracting(VpcBlockPublicAccessExclusion::exclusionId)
        .containsExactly(ofSubnet.exclusionId());

    ec2.modifyVpcBlockPublicAccessExclusion(
        r ->
            r.exclusionId(ofVpc.exclusionId()).internetGatewayExclusionMode("allow-bidirectional"));
    VpcBlockPublicAccessExclusion modified =
        ec2.describeVpcBlockPublicAccessExclusions(r -> r.exclusionIds(ofVpc.exclusionId()))
            .vpcBlockPublicAccessExclusions()
            .get(0);
    assertThat(modified.internetGatewayExclusionModeAsString()).isEqualTo("allow-bidirectional");
    assertThat(modified.stateAsString()).isEqualTo("update-complete");

    assertThat(
            ec2.deleteVpcBlockPublicAccessExclusion(r -> r.exclusionId(ofSubnet.exclusionId()))
                .vpcBlockPublicAccessExclusion()
                .stateAsString())
        .isEqualTo("delete-in-progress");
    VpcBlockPublicAccessExclusion gone =
        ec2.describeVpcBlockPublicAccessExclusions(r -> r.exclusionIds(ofSubnet.exclusionId()))
            .vpcBlockPublicAccessExclusions()
            .get(0);
    assertThat(gone.stateAsString()).isEqualTo("delete-complete");
    assertThat(gone.deletionTimestamp()).isNotNull();
    assertError(
        () -> ec2.deleteVpcBlockPublicAccessExclusion(r -> r.exclusionId(ofSubnet.exclusionId())),
        "InvalidVpcBlockPublicAccessExclusionId.NotFound");
    assertError(
        () -> ec2.describeVpcBlockPublicAccessExclusions(r -> r.maxResults(2)),
        "InvalidParameterValue");
  }

  @Test
  void encryptionIsEnforcedOnlyWhenEveryGatewayIsExcluded() {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.92.0.0/16")).vpc().vpcId();
    String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
    ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));

    VpcEncryptionControl made =
        ec2.createVpcEncryptionControl(r -> r.vpcId(vpc)).vpcEncryptionControl();
    String id = made.vpcEncryptionControlId();
    assertThat(made.stateAsString()).isEqualTo("creating");
    assertThat(made.modeAsString()).isEqualTo("monitor");
    assertThat(made.resourceExclusions().internetGateway().stateAsString()).isEqualTo("disabled");
    assertError(
        () -> ec2.createVpcEncryptionControl(r -> r.vpcId(vpc)),
        "VpcEncryptionControl.AlreadyExists");

    assertThat(
            ec2.getVpcResourcesBlockingEncryptionEnforcement(r -> r.vpcId(vpc))
                .nonCompliantResources())
        .extracting(VpcEncryptionNonCompliantResource::id, VpcEncryptionNonCompliantResource::type)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(igw, "internet-gateway"));
    assertThat(
            ec2.modifyVpcEncryptionControl(r -> r.vpcEncryptionControlId(id).mode("enforce"))
                .vpcEncryptionControl()
                .stateAsString())
        .isEqualTo("enforce-in-progress");
    VpcEncryptionControl failed =
        ec2.describeVpcEncryptionControls(r -> r.vpcEncryptionControlIds(id))
            .vpcEncryptionControls()
            .get(0);
    assertThat(failed.stateAsString()).isEqualTo("enforce-failed");
    assertThat(failed.modeAsString()).isEqualTo("monitor");
    assertThat(failed.stateMessage()).contains(igw);

    ec2.modifyVpcEncryptionControl(
        r -> r.vpcEncryptionControlId(id).mode("enforce").internetGatewayExclusion("enable"));
    VpcEncryptionControl enforced =
        ec2.describeVpcEncryptionControls(r -> r.vpcIds(vpc)).vpcEncryptionControls().get(0);
    assertThat(enforced.modeAsString()).isEqualTo("enforce");
    assertThat(enforced.stateAsString()).isEqualTo("available");
    assertThat(enforced.resourceExclusions().internetGateway().stateAsString())
        .isEqualTo("enabled");
    assertThat(
            ec2.getVpcResourcesBlockingEncryptionEnforcement(r -> r.vpcId(vpc))
                .nonCompliantResources())
        .isEmpty();
    assertThat(
            ec2.describeVpcEncryptionControls(r -> r.filters(filter("mode", "enforce")))
                .vpcEncryptionControls())
        .extracting(VpcEncryptionControl::vpcEncryptionControlId)
        .contains(id);

    assertThat(
            ec2.deleteVpcEncryptionControl(r -> r.vpcEncryptionControlId(id))
                .vpcEncryptionControl()
                .stateAsString())
        .isEqualTo("deleting");
    assertError(
        () -> ec2.modifyVpcEncryptionControl(r -> r.vpcEncryptionControlId(id).mode("monitor")),
        "InvalidVpcEncryptionControlId.NotFound");
    assertError(
        () ->
            ec2.getVpcResourcesBlockingEncryptionEnforcement(r -> r.vpcId("vpc-0123456789abcdef0")),
        "InvalidVpcID.NotFound");
  }

  @Test
  void theAccountSettingKeepsItsModeAndExclusions() {
    var start = ec2.describeAccountVpcEncryptionControl(r -> {}).accountVpcEncryptionControl();
    assertThat(start.modeAsString()).isEqualTo("unmanaged");
    assertThat(start.stateAsString()).isEqualTo("default-state");
    assertThat(
            ec2.modifyAccountVpcEncryptionControl(
                    r -> r.mode("attempt-monitor").natGateway("enable"))
                .accountVpcEncryptionControl()
                .stateAsString())
        .isEqualTo("transitions-in-progress");
    var now = ec2.describeAccountVpcEncryptionControl(r -> {}).accountVpcEncryptionControl();
    assertThat(now.modeAsString()).isEqualTo("attempt-monitor");
    assertThat(now.stateAsString()).isEqualTo("transitions-successful");
    assertThat(now.exclusions().natGatewayAsString()).isEqualTo("enabled");
    assertThat(now.exclusions().internetGatewayAsString()).isEqualTo("disabled");
    assertError(
        () -> ec2.modifyAccountVpcEncryptionControl(r -> r.mode("enforce")),
        "InvalidParameterValue");
  }
}
