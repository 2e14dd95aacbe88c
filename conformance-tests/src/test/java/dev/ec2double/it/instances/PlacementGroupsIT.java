package dev.ec2double.it.instances;

import static dev.ec2double.it.Ec2Calls.error;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ec2double.it.AwsCli;
import dev.ec2double.it.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.PlacementGroup;
import software.amazon.awssdk.services.ec2.model.PlacementStrategy;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SpreadLevel;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Placement groups (records only) as an SDK user and the AWS CLI see them, on the mock backend. */
class PlacementGroupsIT {
  private static Ec2Client ec2;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2("ca-central-1", "AKIDPLACEMENTGROUPS");
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static TagSpecification tag(String value) {
    return TagSpecification.builder()
        .resourceType(ResourceType.PLACEMENT_GROUP)
        .tags(Tag.builder().key("Team").value(value).build())
        .build();
  }

  private static List<String> names(Filter... filters) {
    return ec2.describePlacementGroups(r -> r.filters(filters)).placementGroups().stream()
        .map(PlacementGroup::groupName)
        .toList();
  }

  @Test
  void createsEachStrategyWithItsDefaults() {
    PlacementGroup cluster =
        ec2.createPlacementGroup(
                r ->
                    r.groupName("pg-it-cluster")
                        .strategy(PlacementStrategy.CLUSTER)
                        .tagSpecifications(tag("hpc")))
            .placementGroup();
    PlacementGroup spread =
        ec2.createPlacementGroup(
                r -> r.groupName("pg-it-spread").strategy(PlacementStrategy.SPREAD))
            .placementGroup();
    PlacementGroup partition =
        ec2.createPlacementGroup(
                r -> r.groupName("pg-it-partition").strategy(PlacementStrategy.PARTITION))
            .placementGroup();
    try {
      assertThat(cluster.groupId()).matches("pg-[0-9a-f]{17}");
      assertThat(cluster.stateAsString()).isEqualTo("available");
      assertThat(cluster.groupArn())
          .matches("arn:aws:ec2:ca-central-1:\\d{12}:placement-group/pg-it-cluster");
      assertThat(cluster.tags()).containsExactly(Tag.builder().key("Team").value("hpc").build());
      assertThat(cluster.partitionCount()).isNull();
      assertThat(spread.spreadLevel()).isEqualTo(SpreadLevel.RACK);
      assertThat(partition.partitionCount()).isEqualTo(2);

      PlacementGroup byName =
          ec2.describePlacementGroups(r -> r.groupNames("pg-it-partition"))
              .placementGroups()
              .get(0);
      assertThat(byName.groupId()).isEqualTo(partition.groupId());
      assertThat(
              ec2.describePlacementGroups(r -> r.groupIds(cluster.groupId()))
                  .placementGroups()
                  .get(0)
                  .groupName())
          .isEqualTo("pg-it-cluster");
      assertThat(
              ec2.describeTags(r -> r.filters(filter("resource-id", cluster.groupId())))
                  .tags()
                  .get(0)
                  .resourceTypeAsString())
          .isEqualTo("placement-group");
    } finally {
      ec2.deletePlacementGroup(r -> r.groupName("pg-it-cluster"));
      ec2.deletePlacementGroup(r -> r.groupName("pg-it-spread"));
      ec2.deletePlacementGroup(r -> r.groupName("pg-it-partition"));
    }
    assertThat(error(() -> ec2.describePlacementGroups(r -> r.groupNames("pg-it-cluster"))))
        .isEqualTo(
            "InvalidPlacementGroup.Unknown: The Placement Group 'pg-it-cluster' is unknown.");
  }

  @Test
  void refusesWhatAwsRefuses() {
    ec2.createPlacementGroup(r -> r.groupName("pg-it-dup").strategy(PlacementStrategy.CLUSTER));
    try {
      assertThat(
              error(
                  () ->
                      ec2.createPlacementGroup(
                          r -> r.groupName("pg-it-dup").strategy(PlacementStrategy.SPREAD))))
          .isEqualTo(
              "InvalidPlacementGroup.Duplicate: The Placement Group 'pg-it-dup' already exists.");
    } finally {
      ec2.deletePlacementGroup(r -> r.groupName("pg-it-dup"));
    }
    assertThat(
            error(
                () ->
                    ec2.createPlacementGroup(
                        r ->
                            r.groupName("pg-it-bad")
                                .strategy(PlacementStrategy.PARTITION)
                                .partitionCount(8))))
        .startsWith("InvalidParameterValue: ");
    assertThat(
            error(
                () ->
                    ec2.createPlacementGroup(
                        r ->
                            r.groupName("pg-it-bad")
                                .strategy(PlacementStrategy.CLUSTER)
                                .partitionCount(3))))
        .startsWith("InvalidParameterCombination: ");
    assertThat(
            error(
                () ->
                    ec2.createPlacementGroup(
                        r ->
                            r.groupName("pg-it-bad")
                                .strategy(PlacementStrategy.CLUSTER)
                                .spreadLevel(SpreadLevel.HOST))))
        .startsWith("InvalidParameterCombination: ");
    assertThat(
            error(() -> ec2.createPlacementGroup(r -> r.groupName("pg-it-bad").strategy("dense"))))
        .startsWith("InvalidParameterValue: ");
    assertThat(error(() -> ec2.createPlacementGroup(r -> r.strategy(PlacementStrategy.CLUSTER))))
        .isEqualTo("MissingParameter: The request must contain the parameter GroupName.");
    assertThat(error(() -> ec2.deletePlacementGroup(r -> r.groupName("pg-it-never"))))
        .startsWith("InvalidPlacementGroup.Unknown: ");
    assertThat(error(() -> ec2.describePlacementGroups(r -> r.groupIds("pg-0123456789abcdef0"))))
        .startsWith("InvalidPlacementGroupId.NotFound: ");
    assertThat(error(() -> ec2.describePlacementGroups(r -> r.groupIds("sg-0123456789abcdef0"))))
        .startsWith("InvalidPlacementGroupId.Malformed: ");
    assertThat(error(() -> ec2.describePlacementGroups(r -> r.filters(filter("zone", "x")))))
        .startsWith("InvalidParameterValue: ");
    assertThat(
            error(
                () ->
                    ec2.createPlacementGroup(
                        r ->
                            r.groupName("pg-it-dry")
                                .strategy(PlacementStrategy.CLUSTER)
                                .dryRun(true))))
        .startsWith("DryRunOperation: ");
    assertThat(names(filter("group-name", "pg-it-dry", "pg-it-bad"))).isEmpty();
  }

  @Test
  void filtersByWhatTheReferenceLists() {
    ec2.createPlacementGroup(
        r ->
            r.groupName("pg-it-f1")
                .strategy(PlacementStrategy.SPREAD)
                .spreadLevel("host")
                .tagSpecifications(tag("blue")));
    ec2.createPlacementGroup(
        r ->
            r.groupName("pg-it-f2")
                .strategy(PlacementStrategy.PARTITION)
                .partitionCount(7)
                .tagSpecifications(tag("green")));
    try {
      assertThat(names(filter("group-name", "pg-it-f*"))).containsExactly("pg-it-f1", "pg-it-f2");
      assertThat(names(filter("strategy", "partition"), filter("group-name", "pg-it-f*")))
          .containsExactly("pg-it-f2");
      assertThat(names(filter("spread-level", "host"), filter("group-name", "pg-it-f*")))
          .containsExactly("pg-it-f1");
      assertThat(names(filter("tag:Team", "green"))).containsExactly("pg-it-f2");
      assertThat(
              names(
                  filter("tag-key", "Team"),
                  filter("state", "available"),
                  filter("group-name", "pg-it-f1")))
          .containsExactly("pg-it-f1");
      assertThat(names(filter("group-arn", "*:placement-group/pg-it-f2")))
          .containsExactly("pg-it-f2");
      assertThat(
              ec2.describePlacementGroups(r -> r.groupNames("pg-it-f2"))
                  .placementGroups()
                  .get(0)
                  .partitionCount())
          .isEqualTo(7);
    } finally {
      ec2.deletePlacementGroup(r -> r.groupName("pg-it-f1"));
      ec2.deletePlacementGroup(r -> r.groupName("pg-it-f2"));
    }
  }

  @Test
  void theAwsCliCreatesDescribesAndDeletesAGroup() throws Exception {
    AwsCli.requireInstalled("PlacementGroupsIT");
    ObjectMapper json = new ObjectMapper();
    AwsCli.Run made =
        AwsCli.run(
            "ca-central-1",
            "ec2",
            "create-placement-group",
            "--group-name",
            "pg-it-cli",
            "--strategy",
            "partition",
            "--partition-count",
            "3",
            "--tag-specifications",
            "ResourceType=placement-group,Tags=[{Key=Name,Value=cli}]");
    assertThat(made.exit()).as(made.stderr()).isZero();
    try {
      AwsCli.Run described =
          AwsCli.run(
              "ca-central-1", "ec2", "describe-placement-groups", "--group-names", "pg-it-cli");
      assertThat(described.exit()).as(described.stderr()).isZero();
      JsonNode g = json.readTree(described.stdout()).get("PlacementGroups").get(0);
      assertThat(g.get("GroupName").asText()).isEqualTo("pg-it-cli");
      assertThat(g.get("Strategy").asText()).isEqualTo("partition");
      assertThat(g.get("PartitionCount").asInt()).isEqualTo(3);
      assertThat(g.get("State").asText()).isEqualTo("available");
      assertThat(g.get("GroupId").asText()).startsWith("pg-");
      assertThat(g.get("Tags").get(0).get("Value").asText()).isEqualTo("cli");
    } finally {
      AwsCli.Run deleted =
          AwsCli.run("ca-central-1", "ec2", "delete-placement-group", "--group-name", "pg-it-cli");
      assertThat(deleted.exit()).as(deleted.stderr()).isZero();
    }
  }
}
