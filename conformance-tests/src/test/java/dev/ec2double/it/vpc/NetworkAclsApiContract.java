package dev.ec2double.it.vpc;

import static dev.ec2double.it.Ec2Calls.error;
import static dev.ec2double.it.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.it.Clients;
import dev.ec2double.server.Ec2DoubleServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkAclsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RuleAction;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The network ACL API as an SDK user sees it. Runs on both backends ({@link MockNetworkAclsApiIT},
 * {@link DockerNetworkAclsApiIT}): on the docker one every entry change is written to the engine
 * host's packet filter as well, so a rule iptables refuses fails here.
 */
abstract class NetworkAclsApiContract {
  private static Ec2DoubleServer server;
  private static Ec2Client ec2;
  private static final AtomicInteger ACCOUNTS = new AtomicInteger();

  /** Each backend's subclass calls this from its {@code @BeforeAll}. */
  static void client(Ec2DoubleServer backend, String accessKey) {
    server = backend;
    ec2 = Clients.ec2Builder(server.endpoint(), "us-west-1", accessKey, "secret").build();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String vpc(String cidr) {
    return ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
  }

  private static String subnet(String vpc, String cidr) {
    return ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(cidr)).subnet().subnetId();
  }

  /** A new ACL of the VPC, tagged on create. */
  private static String tagged(String vpc, String key, String value) {
    return ec2.createNetworkAcl(
            r ->
                r.vpcId(vpc)
                    .tagSpecifications(
                        TagSpecification.builder()
                            .resourceType(ResourceType.NETWORK_ACL)
                            .tags(Tag.builder().key(key).value(value).build())
                            .build()))
        .networkAcl()
        .networkAclId();
  }

  private static NetworkAcl acl(String id) {
    return ec2.describeNetworkAcls(r -> r.networkAclIds(id)).networkAcls().get(0);
  }

  private static NetworkAcl defaultAcl(String vpc) {
    List<NetworkAcl> found =
        ec2.describeNetworkAcls(r -> r.filters(filter("default", "true"), filter("vpc-id", vpc)))
            .networkAcls();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static String allowAll(NetworkAclEntry e) {
    return (e.egress() ? "out " : "in ")
        + e.ruleNumber()
        + " "
        + e.protocol()
        + " "
        + e.ruleActionAsString()
        + " "
        + e.cidrBlock();
  }

  @Test
  void everyVpcGetsItsDefaultAclWithAwssRulesAndItsSubnetsAreAssociatedWithIt() {
    String vpc = vpc("10.61.0.0/16");
    NetworkAcl acl = defaultAcl(vpc);
    assertThat(acl.networkAclId()).matches("acl-[0-9a-f]{17}");
    assertThat(acl.isDefault()).isTrue();
    assertThat(acl.vpcId()).isEqualTo(vpc);
    assertThat(acl.ownerId()).matches("\\d{12}");
    assertThat(acl.entries())
        .extracting(NetworkAclsApiContract::allowAll)
        .containsExactly(
            "out 100 -1 allow 0.0.0.0/0",
            "out 32767 -1 deny 0.0.0.0/0",
            "in 100 -1 allow 0.0.0.0/0",
            "in 32767 -1 deny 0.0.0.0/0");
    assertThat(acl.associations()).isEmpty();

    String a = subnet(vpc, "10.61.1.0/24");
    String b = subnet(vpc, "10.61.2.0/24");
    NetworkAcl withSubnets = acl(acl.networkAclId());
    assertThat(withSubnets.associations())
        .allSatisfy(
            x -> {
              assertThat(x.networkAclAssociationId()).matches("aclassoc-[0-9a-f]{17}");
              assertThat(x.networkAclId()).isEqualTo(acl.networkAclId());
            })
        .extracting(x -> x.subnetId())
        .containsExactly(a, b);

    ec2.deleteSubnet(r -> r.subnetId(a));
    assertThat(acl(acl.networkAclId()).associations())
        .extracting(x -> x.subnetId())
        .containsExactly(b);
    ec2.deleteSubnet(r -> r.subnetId(b));
    ec2.deleteVpc(r -> r.vpcId(vpc));
    assertThat(error(() -> acl(acl.networkAclId())))
        .isEqualTo(
            "InvalidNetworkAclID.NotFound: The networkAcl ID '"
                + acl.networkAclId()
                + "' does not exist");
  }

  @Test
  void theDefaultVpcsDefaultAclHasItsDefaultSubnets() {
    try (Ec2Client fresh =
        Clients.ec2Builder(
                server.endpoint(), "eu-north-1", "AKIDNACLFRESH" + ACCOUNTS.get(), "secret")
            .build()) {
      String vpc =
          fresh.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs().get(0).vpcId();
      List<NetworkAcl> acls =
          fresh.describeNetworkAcls(r -> r.filters(filter("vpc-id", vpc))).networkAcls();
      assertThat(acls).hasSize(1);
      assertThat(acls.get(0).isDefault()).isTrue();
      assertThat(acls.get(0).associations()).hasSize(3);
    }
  }

  @Test
  void entriesAreCreatedReplacedAndDeletedWithAwssErrors() {
    String vpc = vpc("10.62.0.0/16");
    String id = tagged(vpc, "Name", "web");
    NetworkAcl made = acl(id);
    assertThat(made.isDefault()).isFalse();
    assertThat(made.tags()).containsExactly(Tag.builder().key("Name").value("web").build());
    assertThat(made.entries())
        .extracting(NetworkAclsApiContract::allowAll)
        .as("a new ACL denies everything")
        .containsExactly("out 32767 -1 deny 0.0.0.0/0", "in 32767 -1 deny 0.0.0.0/0");

    ec2.createNetworkAclEntry(
        r ->
            r.networkAclId(id)
                .ruleNumber(100)
                .egress(false)
                .protocol("6")
                .ruleAction(RuleAction.ALLOW)
                .cidrBlock("10.0.0.0/8")
                .portRange(p -> p.from(80).to(443)));
    ec2.createNetworkAclEntry(
        r ->
            r.networkAclId(id)
                .ruleNumber(100)
                .egress(true)
                .protocol("1")
                .ruleAction(RuleAction.DENY)
                .cidrBlock("0.0.0.0/0")
                .icmpTypeCode(i -> i.type(8).code(-1)));
    NetworkAclEntry in =
        acl(id).entries().stream()
            .filter(e -> !e.egress() && e.ruleNumber() == 100)
            .findFirst()
            .orElseThrow();
    assertThat(in.portRange().from()).isEqualTo(80);
    assertThat(in.portRange().to()).isEqualTo(443);
    assertThat(in.protocol()).isEqualTo("6");
    assertThat(
            error(
                () ->
                    ec2.createNetworkAclEntry(
                        r ->
                            r.networkAclId(id)
                                .ruleNumber(100)
                                .egress(false)
                                .protocol("-1")
                                .ruleAction(RuleAction.DENY)
                                .cidrBlock("0.0.0.0/0"))))
        .isEqualTo(
            "NetworkAclEntryAlreadyExists: The network acl entry identified by 100 already"
                + " exists.");

    ec2.replaceNetworkAclEntry(
        r ->
            r.networkAclId(id)
                .ruleNumber(100)
                .egress(false)
                .protocol("udp")
                .ruleAction(RuleAction.DENY)
                .cidrBlock("192.168.0.0/16")
                .portRange(p -> p.from(53).to(53)));
    NetworkAclEntry replaced =
        acl(id).entries().stream()
            .filter(e -> !e.egress() && e.ruleNumber() == 100)
            .findFirst()
            .orElseThrow();
    assertThat(allowAll(replaced)).isEqualTo("in 100 17 deny 192.168.0.0/16");
    assertThat(
            error(
                () ->
                    ec2.replaceNetworkAclEntry(
                        r ->
                            r.networkAclId(id)
                                .ruleNumber(101)
                                .egress(false)
                                .protocol("-1")
                                .ruleAction(RuleAction.DENY)
                                .cidrBlock("0.0.0.0/0"))))
        .isEqualTo(
            "InvalidNetworkAclEntry.NotFound: The network acl entry identified by 101 does not"
                + " exist.");
    assertThat(
            error(
                () ->
                    ec2.createNetworkAclEntry(
                        r ->
                            r.networkAclId(id)
                                .ruleNumber(32767)
                                .egress(false)
                                .protocol("-1")
                                .ruleAction(RuleAction.ALLOW)
                                .cidrBlock("0.0.0.0/0"))))
        .startsWith("InvalidParameterValue:");
    assertThat(
            error(
                () ->
                    ec2.createNetworkAclEntry(
                        r ->
                            r.networkAclId(id)
                                .ruleNumber(5)
                                .egress(false)
                                .protocol("6")
                                .ruleAction(RuleAction.ALLOW)
                                .cidrBlock("0.0.0.0/0"))))
        .isEqualTo("MissingParameter: The request must contain the parameter portRange.");
    assertThat(
            error(
                () ->
                    ec2.createNetworkAclEntry(
                        r ->
                            r.networkAclId("acl-0123456789abcdef0")
                                .ruleNumber(5)
                                .egress(false)
                                .protocol("-1")
                                .ruleAction(RuleAction.ALLOW)
                                .cidrBlock("0.0.0.0/0"))))
        .startsWith("InvalidNetworkAclID.NotFound:");

    ec2.deleteNetworkAclEntry(r -> r.networkAclId(id).ruleNumber(100).egress(false));
    assertThat(
            error(
                () ->
                    ec2.deleteNetworkAclEntry(
                        r -> r.networkAclId(id).ruleNumber(100).egress(false))))
        .startsWith("InvalidNetworkAclEntry.NotFound:");
    assertThat(acl(id).entries())
        .extracting(NetworkAclsApiContract::allowAll)
        .containsExactly(
            "out 100 1 deny 0.0.0.0/0",
            "out 32767 -1 deny 0.0.0.0/0",
            "in 32767 -1 deny 0.0.0.0/0");
    assertThat(acl(id).entries().get(0).icmpTypeCode().type()).isEqualTo(8);

    assertThat(error(() -> ec2.deleteVpc(r -> r.vpcId(vpc))))
        .as("a VPC with an ACL of its own")
        .startsWith("DependencyViolation:");
    ec2.deleteNetworkAcl(r -> r.networkAclId(id));
    assertThat(error(() -> acl(id))).startsWith("InvalidNetworkAclID.NotFound:");
    ec2.deleteVpc(r -> r.vpcId(vpc));
  }

  @Test
  void aSubnetMovesBetweenAclsAndAnAclInUseOrDefaultStays() {
    String vpc = vpc("10.63.0.0/16");
    String subnet = subnet(vpc, "10.63.1.0/24");
    NetworkAcl dflt = defaultAcl(vpc);
    String custom = ec2.createNetworkAcl(r -> r.vpcId(vpc)).networkAcl().networkAclId();
    String first = dflt.associations().get(0).networkAclAssociationId();

    String moved =
        ec2.replaceNetworkAclAssociation(r -> r.associationId(first).networkAclId(custom))
            .newAssociationId();
    assertThat(moved).matches("aclassoc-[0-9a-f]{17}").isNotEqualTo(first);
    assertThat(acl(dflt.networkAclId()).associations()).isEmpty();
    assertThat(acl(custom).associations())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.subnetId()).isEqualTo(subnet);
              assertThat(a.networkAclAssociationId()).isEqualTo(moved);
            });
    assertThat(
            ec2.describeNetworkAcls(r -> r.filters(filter("association.subnet-id", subnet)))
                .networkAcls())
        .extracting(NetworkAcl::networkAclId)
        .containsExactly(custom);
    assertThat(
            error(
                () ->
                    ec2.replaceNetworkAclAssociation(
                        r -> r.associationId(first).networkAclId(custom))))
        .isEqualTo(
            "InvalidAssociationID.NotFound: The association ID '" + first + "' does not exist");

    assertThat(error(() -> ec2.deleteNetworkAcl(r -> r.networkAclId(custom))))
        .isEqualTo(
            "DependencyViolation: The networkAcl '"
                + custom
                + "' has dependencies and cannot be deleted.");
    assertThat(error(() -> ec2.deleteNetworkAcl(r -> r.networkAclId(dflt.networkAclId()))))
        .isEqualTo(
            "InvalidParameterValue: cannot delete default network ACL " + dflt.networkAclId());

    String other = vpc("10.64.0.0/16");
    String foreign = ec2.createNetworkAcl(r -> r.vpcId(other)).networkAcl().networkAclId();
    assertThat(
            error(
                () ->
                    ec2.replaceNetworkAclAssociation(
                        r -> r.associationId(moved).networkAclId(foreign))))
        .startsWith("InvalidParameterValue:");

    ec2.replaceNetworkAclAssociation(r -> r.associationId(moved).networkAclId(dflt.networkAclId()));
    ec2.deleteNetworkAcl(r -> r.networkAclId(custom));
    ec2.deleteNetworkAcl(r -> r.networkAclId(foreign));
    ec2.deleteSubnet(r -> r.subnetId(subnet));
    ec2.deleteVpc(r -> r.vpcId(vpc));
    ec2.deleteVpc(r -> r.vpcId(other));
  }

  @Test
  void describeFiltersAndPages() {
    String vpc = vpc("10.65.0.0/16");
    String subnet = subnet(vpc, "10.65.1.0/24");
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      made.add(tagged(vpc, "n", "v" + i));
    }
    String web = made.get(0);
    ec2.createNetworkAclEntry(
        r ->
            r.networkAclId(web)
                .ruleNumber(120)
                .egress(false)
                .protocol("6")
                .ruleAction(RuleAction.DENY)
                .cidrBlock("10.65.9.0/24")
                .portRange(p -> p.from(8080).to(8081)));
    ec2.createNetworkAclEntry(
        r ->
            r.networkAclId(made.get(1))
                .ruleNumber(7)
                .egress(true)
                .protocol("1")
                .ruleAction(RuleAction.ALLOW)
                .ipv6CidrBlock("2001:db8::/32")
                .icmpTypeCode(i -> i.type(3).code(4)));
    String dflt = defaultAcl(vpc).networkAclId();

    assertThat(ids(filter("vpc-id", vpc))).hasSize(7);
    assertThat(ids(filter("vpc-id", vpc), filter("default", "false")))
        .containsExactlyElementsOf(made);
    assertThat(ids(filter("network-acl-id", web, dflt))).containsExactly(dflt, web);
    assertThat(ids(filter("vpc-id", vpc), filter("entry.cidr", "10.65.9.0/24")))
        .containsExactly(web);
    assertThat(ids(filter("vpc-id", vpc), filter("entry.rule-number", "120"))).containsExactly(web);
    assertThat(ids(filter("vpc-id", vpc), filter("entry.port-range.from", "8080")))
        .containsExactly(web);
    assertThat(ids(filter("vpc-id", vpc), filter("entry.port-range.to", "8081")))
        .containsExactly(web);
    assertThat(ids(filter("vpc-id", vpc), filter("entry.protocol", "6"))).containsExactly(web);
    assertThat(ids(filter("vpc-id", vpc), filter("entry.rule-action", "allow")))
        .containsExactly(dflt, made.get(1));
    assertThat(
            ids(
                filter("vpc-id", vpc),
                filter("entry.egress", "true"),
                filter("entry.rule-number", "7")))
        .containsExactly(made.get(1));
    assertThat(ids(filter("vpc-id", vpc), filter("entry.ipv6-cidr", "2001:db8::/32")))
        .containsExactly(made.get(1));
    assertThat(ids(filter("vpc-id", vpc), filter("entry.icmp.type", "3")))
        .containsExactly(made.get(1));
    assertThat(ids(filter("vpc-id", vpc), filter("entry.icmp.code", "4")))
        .containsExactly(made.get(1));
    assertThat(ids(filter("association.subnet-id", subnet))).containsExactly(dflt);
    assertThat(ids(filter("association.network-acl-id", dflt))).containsExactly(dflt);
    String assoc = acl(dflt).associations().get(0).networkAclAssociationId();
    assertThat(ids(filter("association.association-id", assoc))).containsExactly(dflt);
    assertThat(ids(filter("tag:n", "v2", "v4"))).containsExactly(made.get(2), made.get(4));
    assertThat(ids(filter("vpc-id", vpc), filter("tag-key", "n"))).hasSize(6);
    String owner = acl(dflt).ownerId();
    assertThat(ids(filter("vpc-id", vpc), filter("owner-id", owner))).hasSize(7);
    assertThat(error(() -> ec2.describeNetworkAcls(r -> r.filters(filter("entry.colour", "red")))))
        .startsWith("InvalidParameterValue:");

    List<String> paged = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      DescribeNetworkAclsResponse page =
          ec2.describeNetworkAcls(r -> r.filters(filter("vpc-id", vpc)).maxResults(5).nextToken(t));
      page.networkAcls().forEach(a -> paged.add(a.networkAclId()));
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(pages).isEqualTo(2);
    assertThat(paged).hasSize(7).doesNotHaveDuplicates();

    made.forEach(id -> ec2.deleteNetworkAcl(r -> r.networkAclId(id)));
    ec2.deleteSubnet(r -> r.subnetId(subnet));
    ec2.deleteVpc(r -> r.vpcId(vpc));
  }

  private static List<String> ids(Filter... filters) {
    return ec2.describeNetworkAcls(r -> r.filters(filters)).networkAcls().stream()
        .map(NetworkAcl::networkAclId)
        .toList();
  }

  @Test
  void idsAndVpcsAreCheckedAndDryRunChangesNothing() {
    assertThat(error(() -> acl("acl-nothex"))).startsWith("InvalidNetworkAclId.Malformed:");
    assertThat(error(() -> acl("acl-0123456789abcdef0")))
        .isEqualTo(
            "InvalidNetworkAclID.NotFound: The networkAcl ID 'acl-0123456789abcdef0' does not"
                + " exist");
    assertThat(error(() -> ec2.createNetworkAcl(r -> r.vpcId("vpc-0123456789abcdef0"))))
        .startsWith("InvalidVpcID.NotFound:");
    String vpc = vpc("10.66.0.0/16");
    assertThat(error(() -> ec2.createNetworkAcl(r -> r.vpcId(vpc).dryRun(true))))
        .startsWith("DryRunOperation:");
    assertThat(ids(filter("vpc-id", vpc))).hasSize(1);
    ec2.deleteVpc(r -> r.vpcId(vpc));
  }
}
