package dev.ec2double.compute.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.compute.SubnetAcl;
import dev.ec2double.compute.SubnetAcl.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Network ACLs as iptables-restore text: what the engine host's packet filter is given. */
class NaclRulesTest {
  private static final String CHAIN = "EC2D-0123456789ab";
  private static final Rule ALLOW_ALL = new Rule("-1", -1, -1, "0.0.0.0/0", true);
  private static final Rule DENY_ALL = new Rule("-1", -1, -1, "0.0.0.0/0", false);

  private static NaclRules.Text text(List<SubnetAcl> acls, List<String> stale) {
    return NaclRules.of(CHAIN, acls, network -> "br-" + network, stale);
  }

  private static List<String> lines(NaclRules.Text t) {
    return List.of(t.restore().split("\n"));
  }

  @Test
  void aDefaultAclMakesNoRulesAtAll() {
    SubnetAcl open =
        new SubnetAcl("vpc1", "10.1.1.0/24", List.of(ALLOW_ALL, DENY_ALL), List.of(ALLOW_ALL));
    NaclRules.Text t = text(List.of(open), List.of());
    assertThat(t.chains()).isEmpty();
    assertThat(t).isEqualTo(text(List.of(), List.of()));
    assertThat(lines(t))
        .containsExactly(
            "*filter",
            ":EC2D-0123456789ab-N - [0:0]",
            "-A EC2D-0123456789ab-N -m conntrack --ctstate DNAT --ctorigdst 169.254.169.254/32"
                + " -j RETURN",
            "COMMIT");
  }

  @Test
  void entriesAreEvaluatedInOrderAtTheSubnetBoundaryAndTheRestIsDropped() {
    List<Rule> ingress =
        List.of(
            new Rule("6", 22, 22, "10.1.2.0/24", false),
            new Rule("6", 1024, 65535, "0.0.0.0/0", true),
            new Rule("1", 8, -1, "0.0.0.0/0", true),
            new Rule("17", -1, -1, "10.0.0.0/8", true),
            new Rule("47", -1, -1, "10.0.0.0/8", true),
            DENY_ALL);
    SubnetAcl acl = new SubnetAcl("vpc1", "10.1.1.0/24", ingress, List.of(ALLOW_ALL, DENY_ALL));
    NaclRules.Text t = text(List.of(acl), List.of());
    assertThat(t.chains()).containsExactly("EC2D-0123456789ab-N0I");
    assertThat(lines(t))
        .containsSubsequence(
            ":EC2D-0123456789ab-N0I - [0:0]",
            "-A EC2D-0123456789ab-N -o br-vpc1 -d 10.1.1.0/24 ! -s 10.1.1.0/24"
                + " -j EC2D-0123456789ab-N0I",
            "-A EC2D-0123456789ab-N0I -s 10.1.2.0/24 -p tcp --dport 22 -j DROP",
            "-A EC2D-0123456789ab-N0I -s 0.0.0.0/0 -p tcp --dport 1024:65535 -j RETURN",
            "-A EC2D-0123456789ab-N0I -s 0.0.0.0/0 -p icmp --icmp-type 8 -j RETURN",
            "-A EC2D-0123456789ab-N0I -s 10.0.0.0/8 -p udp -j RETURN",
            "-A EC2D-0123456789ab-N0I -s 10.0.0.0/8 -p 47 -j RETURN",
            "-A EC2D-0123456789ab-N0I -s 0.0.0.0/0 -j DROP",
            "-A EC2D-0123456789ab-N0I -j DROP",
            "COMMIT");
    assertThat(t.restore()).doesNotContain("-i br-vpc1").doesNotContain("ACCEPT");
  }

  @Test
  void egressNamesTheDestinationAndAnIcmpCodeFollowsItsType() {
    SubnetAcl acl =
        new SubnetAcl(
            "vpc2",
            "10.2.0.0/20",
            List.of(ALLOW_ALL),
            List.of(new Rule("1", 3, 4, "192.168.0.0/16", false), DENY_ALL));
    assertThat(lines(text(List.of(acl), List.of())))
        .contains(
            "-A EC2D-0123456789ab-N -i br-vpc2 -s 10.2.0.0/20 ! -d 10.2.0.0/20"
                + " -j EC2D-0123456789ab-N0E",
            "-A EC2D-0123456789ab-N0E -d 192.168.0.0/16 -p icmp --icmp-type 3/4 -j DROP");
  }

  @Test
  void anAclWithoutEntriesDeniesEverything() {
    SubnetAcl closed = new SubnetAcl("vpc1", "10.1.1.0/24", List.of(), List.of());
    NaclRules.Text t = text(List.of(closed), List.of());
    assertThat(t.chains()).containsExactly("EC2D-0123456789ab-N0E", "EC2D-0123456789ab-N0I");
    assertThat(lines(t))
        .contains("-A EC2D-0123456789ab-N0E -j DROP", "-A EC2D-0123456789ab-N0I -j DROP");
  }

  @Test
  void chainsNoLongerUsedAreEmptiedAndDeletedInTheSameCommit() {
    NaclRules.Text t = text(List.of(), List.of("EC2D-0123456789ab-N0E", "EC2D-0123456789ab-N3I"));
    List<String> l = lines(t);
    assertThat(l)
        .containsSubsequence(
            ":EC2D-0123456789ab-N0E - [0:0]",
            "-X EC2D-0123456789ab-N0E",
            "-X EC2D-0123456789ab-N3I",
            "COMMIT");
    assertThat(l).contains(":EC2D-0123456789ab-N3I - [0:0]");
    assertThat(t.chains()).isEmpty();
  }

  @Test
  void aSingleTcpPortIsNoRange() {
    assertThat(NaclRules.match(new Rule("6", 80, 80, "0.0.0.0/0", true)))
        .isEqualTo(" -p tcp --dport 80");
    assertThat(NaclRules.match(new Rule("1", -1, -1, "0.0.0.0/0", true))).isEqualTo(" -p icmp");
    assertThat(NaclRules.match(ALLOW_ALL)).isEmpty();
  }

  @Test
  void removingAServersChainsFindsItsAclChainsWhateverTheirNumber() {
    List<String> ran = new java.util.ArrayList<>();
    Iptables fake =
        new Iptables(
            (cmd, input) -> {
              ran.add(String.join(" ", cmd.subList(2, cmd.size())));
              return cmd.contains("-S")
                  ? new Iptables.Result(
                      0,
                      String.join(
                          "\n",
                          "-P FORWARD DROP",
                          "-N EC2D-0123456789ab",
                          "-N EC2D-0123456789ab-E",
                          "-N EC2D-0123456789ab-N",
                          "-N EC2D-0123456789ab-N0I",
                          "-N EC2D-0123456789ab-N12E",
                          "-N EC2D-fedcba987654-N",
                          "-A EC2D-0123456789ab-N -j EC2D-0123456789ab-N0I"))
                  : new Iptables.Result(0, "");
            },
            "test");
    NaclRules.remove(fake, CHAIN);
    assertThat(ran)
        .containsExactly(
            "-S",
            "-F EC2D-0123456789ab-N",
            "-F EC2D-0123456789ab-N0I",
            "-F EC2D-0123456789ab-N12E",
            "-X EC2D-0123456789ab-N",
            "-X EC2D-0123456789ab-N0I",
            "-X EC2D-0123456789ab-N12E");
  }
}
