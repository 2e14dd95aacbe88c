package dev.ec2double.ec2.vpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.compute.SubnetAcl;
import dev.ec2double.core.Cidr;
import dev.ec2double.core.Ids;
import dev.ec2double.core.RegionState;
import dev.ec2double.errors.AwsException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.IcmpTypeCode;
import software.amazon.awssdk.services.ec2.model.PortRange;

/** What the ACLs of a region's subnets become for the backend, and the checks of an entry. */
class NetworkAclRulesTest {
  private static final SubnetAcl.Rule ALLOW_ALL =
      new SubnetAcl.Rule("-1", -1, -1, "0.0.0.0/0", true);
  private static final SubnetAcl.Rule DENY_ALL =
      new SubnetAcl.Rule("-1", -1, -1, "0.0.0.0/0", false);

  private static NetworkAclEntryRecord entry(
      int number, boolean egress, String protocol, String action, String cidr, PortRange ports) {
    return NetworkAclEntries.of(number, egress, protocol, action, cidr, null, null, ports);
  }

  @Test
  void subnetsOfOnesOwnVpcsCarryTheirAclsAndTheDefaultVpcsDoNot() {
    VpcState st = VpcState.of(new RegionState("123456789012", "eu-west-1"));
    VpcRecord vpc;
    SubnetRecord subnet;
    synchronized (st) {
      vpc = st.createVpc(Cidr.parseOrNull("10.9.0.0/16"), false, "default");
      subnet =
          new SubnetRecord(
              Ids.next("subnet"), vpc.id, Cidr.parseOrNull("10.9.1.0/24"), "z", "z1", false);
      st.subnets.put(subnet.id, subnet);
      NetworkAcls.associateDefault(st, subnet);
    }
    List<SubnetAcl> acls = NetworkAclEnforcer.acls(st);
    assertThat(acls)
        .containsExactly(
            new SubnetAcl(
                vpc.networkName(),
                "10.9.1.0/24",
                List.of(ALLOW_ALL, DENY_ALL),
                List.of(ALLOW_ALL, DENY_ALL)));

    NetworkAclRecord acl = st.networkAcls.get(vpc.defaultNetworkAclId);
    acl.entries.add(entry(90, false, "tcp", "deny", "10.9.2.0/24", pr(8080, 8090)));
    acl.entries.add(
        NetworkAclEntries.of(5, false, "icmp", "allow", "10.0.0.0/8", null, icmp(8, 0), null));
    acl.entries.add(
        NetworkAclEntries.of(7, false, "-1", "deny", null, "2001:db8::/32", null, null));
    assertThat(NetworkAclEnforcer.acls(st).get(0).ingress())
        .as("by rule number, IPv6 entries left out")
        .containsExactly(
            new SubnetAcl.Rule("1", 8, 0, "10.0.0.0/8", true),
            new SubnetAcl.Rule("6", 8080, 8090, "10.9.2.0/24", false),
            ALLOW_ALL,
            DENY_ALL);
  }

  private static PortRange pr(int from, int to) {
    return PortRange.builder().from(from).to(to).build();
  }

  @Test
  void entriesAreCheckedAsAwsChecksThem() {
    assertThat(code(() -> entry(0, false, "-1", "allow", "0.0.0.0/0", null)))
        .isEqualTo("InvalidParameterValue");
    assertThat(code(() -> entry(32767, false, "-1", "allow", "0.0.0.0/0", null)))
        .isEqualTo("InvalidParameterValue");
    assertThat(code(() -> entry(1, false, "6", "allow", "0.0.0.0/0", null)))
        .isEqualTo("MissingParameter");
    assertThat(code(() -> entry(1, false, "6", "allow", "0.0.0.0/0", pr(90, 80))))
        .isEqualTo("InvalidParameterValue");
    assertThat(code(() -> entry(1, false, "17", "allow", "0.0.0.0/0", pr(0, 70000))))
        .isEqualTo("InvalidParameterValue");
    assertThat(code(() -> entry(1, false, "1", "allow", "0.0.0.0/0", null)))
        .isEqualTo("MissingParameter");
    assertThat(code(() -> entry(1, false, "-1", "permit", "0.0.0.0/0", null)))
        .isEqualTo("InvalidParameterValue");
    assertThat(code(() -> entry(1, false, "300", "allow", "0.0.0.0/0", null)))
        .isEqualTo("InvalidParameterValue");
    assertThat(code(() -> entry(1, false, "-1", "allow", "10.0.0.0/33", null)))
        .isEqualTo("InvalidParameterValue");
    assertThat(code(() -> entry(1, false, "-1", "allow", null, null)))
        .isEqualTo("MissingParameter");
    assertThat(
            code(
                () ->
                    NetworkAclEntries.of(1, false, "-1", "allow", "0.0.0.0/0", "::/0", null, null)))
        .isEqualTo("InvalidParameterCombination");
    assertThat(
            code(
                () ->
                    NetworkAclEntries.of(
                        1, false, "1", "allow", "0.0.0.0/0", null, icmp(256, 0), null)))
        .isEqualTo("InvalidParameterValue");
  }

  @Test
  void protocolNamesAreStoredAsNumbersAndOtherProtocolsDropTheirPorts() {
    assertThat(entry(1, true, "TCP", "allow", "0.0.0.0/0", pr(1, 2)).protocol()).isEqualTo("6");
    assertThat(entry(1, true, "all", "allow", "0.0.0.0/0", null).protocol()).isEqualTo("-1");
    NetworkAclEntryRecord gre = entry(1, true, "47", "deny", "0.0.0.0/0", pr(1, 2));
    assertThat(gre.protocol()).isEqualTo("47");
    assertThat(gre.fromPort()).isNull();
    NetworkAclEntryRecord ping =
        NetworkAclEntries.of(1, true, "1", "allow", "0.0.0.0/0", null, icmp(-1, -1), pr(1, 2));
    assertThat(ping.icmpType()).isEqualTo(-1);
    assertThat(ping.fromPort()).isNull();
  }

  @Test
  void aReplaceIsCheckedAsACreate() {
    var replace =
        software.amazon.awssdk.services.ec2.model.ReplaceNetworkAclEntryRequest.builder()
            .networkAclId("acl-1")
            .ruleNumber(7)
            .egress(true)
            .protocol("udp")
            .ruleAction("deny")
            .cidrBlock("10.1.0.0/16")
            .portRange(pr(53, 53))
            .build();
    NetworkAclEntryRecord e = NetworkAclEntries.of(NetworkAclEntries.asCreate(replace));
    assertThat(e)
        .isEqualTo(
            new NetworkAclEntryRecord(
                7, true, "17", false, "10.1.0.0/16", null, 53, 53, null, null));
  }

  private static IcmpTypeCode icmp(int type, int code) {
    return IcmpTypeCode.builder().type(type).code(code).build();
  }

  private static String code(Runnable r) {
    assertThatThrownBy(r::run).isInstanceOf(AwsException.class);
    try {
      r.run();
      return null;
    } catch (AwsException e) {
      return e.code();
    }
  }
}
