package dev.ec2double.it.vpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.Ec2Calls;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.NewDhcpConfiguration;

/**
 * Names inside instances, on the docker backend: the VPC's DHCP options set becomes the instances'
 * /etc/resolv.conf, and the instances of a VPC with DNS support resolve each other's private DNS
 * names (busybox nslookup and ping, as a user would try them).
 */
class PrivateDnsIT {
  private static final String BUSYBOX = DockerTestServer.BUSYBOX_AMI;

  @Test
  void instancesOfAVpcResolveEachOthersPrivateNamesThroughTheDefaultOptions() {
    try (DockerVpcs vpcs = new DockerVpcs()) {
      DockerVpcs.Vpc vpc = vpcs.vpc();
      Instance a = vpcs.run(BUSYBOX, vpc.subnetId(), null);
      Instance b = vpcs.run(BUSYBOX, vpc.subnetId(), null);
      vpcs.waitRunning(a.instanceId(), b.instanceId());
      String shortName = "ip-" + a.privateIpAddress().replace('.', '-');
      assertThat(a.privateDnsName()).isEqualTo(shortName + ".ec2.internal");

      // the region's default set: domain ec2.internal, AmazonProvidedDNS
      awaitResolvConf(
          vpcs,
          b.instanceId(),
          conf ->
              assertThat(conf)
                  .contains("search ec2.internal\n")
                  .contains("nameserver 127.0.0.11\n")
                  .doesNotContain("ndots"));
      assertThat(vpcs.exec(b.instanceId(), "nslookup", a.privateDnsName()))
          .contains("Address: " + a.privateIpAddress());
      // the short name through the search domain
      assertThat(vpcs.exec(b.instanceId(), "ping", "-c1", "-W2", shortName))
          .contains("PING " + shortName + " (" + a.privateIpAddress() + ")");
      // the hostname is the private DNS name, as IMDS says
      assertThat(vpcs.exec(a.instanceId(), "hostname")).isEqualTo(shortName + "\n");
      assertThat(vpcs.exec(a.instanceId(), "hostname", "-f")).isEqualTo(a.privateDnsName() + "\n");
      // not from another VPC
      DockerVpcs.Vpc other = vpcs.vpc();
      Instance stranger = vpcs.run(BUSYBOX, other.subnetId(), null);
      vpcs.waitRunning(stranger.instanceId());
      assertThat(vpcs.exec(stranger.instanceId(), "ping", "-c1", "-W1", a.privateDnsName()))
          .doesNotContain(a.privateIpAddress());
    }
  }

  @Test
  void aCustomSetReachesTheInstancesAtLaunchAndAChangedOneAtTheirNextStart() {
    try (DockerVpcs vpcs = new DockerVpcs()) {
      DockerVpcs.Vpc vpc = vpcs.vpc();
      String corp =
          vpcs.ec2
              .createDhcpOptions(
                  r ->
                      r.dhcpConfigurations(
                          option("domain-name", "corp.example ec2.internal"),
                          option(
                              "domain-name-servers", "AmazonProvidedDNS", vpc.prefix() + ".1.53"),
                          option("ntp-servers", "169.254.169.123")))
              .dhcpOptions()
              .dhcpOptionsId();
      String external =
          vpcs.ec2
              .createDhcpOptions(
                  r ->
                      r.dhcpConfigurations(
                          option("domain-name", "example.org"),
                          option("domain-name-servers", vpc.prefix() + ".1.99")))
              .dhcpOptions()
              .dhcpOptionsId();
      try {
        vpcs.ec2.associateDhcpOptions(r -> r.vpcId(vpc.id()).dhcpOptionsId(corp));
        Instance a = vpcs.run(BUSYBOX, vpc.subnetId(), null);
        Instance b = vpcs.run(BUSYBOX, vpc.subnetId(), null);
        vpcs.waitRunning(a.instanceId(), b.instanceId());
        awaitResolvConf(
            vpcs,
            b.instanceId(),
            conf ->
                assertThat(conf)
                    .contains(
                        "search corp.example ec2.internal\n",
                        "nameserver 127.0.0.11\nnameserver " + vpc.prefix() + ".1.53\n"));
        String shortName = "ip-" + a.privateIpAddress().replace('.', '-');
        assertThat(vpcs.exec(b.instanceId(), "ping", "-c1", "-W2", shortName))
            .contains("(" + a.privateIpAddress() + ")");

        // a running instance keeps its lease; the next start takes the set associated now
        vpcs.ec2.associateDhcpOptions(r -> r.vpcId(vpc.id()).dhcpOptionsId(external));
        assertThat(vpcs.exec(b.instanceId(), "cat", "/etc/resolv.conf")).contains("corp.example");
        vpcs.ec2.stopInstances(r -> r.instanceIds(b.instanceId()));
        Ec2Calls.awaitState(
            vpcs.ec2, b.instanceId(), InstanceStateName.STOPPED, Duration.ofSeconds(30));
        vpcs.ec2.startInstances(r -> r.instanceIds(b.instanceId()));
        vpcs.waitRunning(b.instanceId());
        awaitResolvConf(
            vpcs,
            b.instanceId(),
            conf ->
                assertThat(conf)
                    .contains("search example.org\n", "nameserver " + vpc.prefix() + ".1.99\n")
                    .doesNotContain("127.0.0.11", "corp.example"));
        // without AmazonProvidedDNS nothing answers the VPC's names (nobody serves .1.99)
        assertThat(vpcs.exec(b.instanceId(), "ping", "-c1", "-W1", a.privateDnsName()))
            .doesNotContain(a.privateIpAddress());
      } finally {
        vpcs.ec2.associateDhcpOptions(r -> r.vpcId(vpc.id()).dhcpOptionsId("default"));
        vpcs.ec2.deleteDhcpOptions(r -> r.dhcpOptionsId(corp));
        vpcs.ec2.deleteDhcpOptions(r -> r.dhcpOptionsId(external));
      }
    }
  }

  @Test
  void withoutDnsSupportNothingResolvesAndResourceNamesResolveWhenAsked() {
    try (DockerVpcs vpcs = new DockerVpcs()) {
      DockerVpcs.Vpc off = vpcs.vpc();
      vpcs.ec2.modifyVpcAttribute(r -> r.vpcId(off.id()).enableDnsSupport(v -> v.value(false)));
      Instance a = vpcs.run(BUSYBOX, off.subnetId(), null);
      Instance b = vpcs.run(BUSYBOX, off.subnetId(), null);

      DockerVpcs.Vpc on = vpcs.vpc();
      Instance named =
          vpcs.run(
              BUSYBOX,
              on.subnetId(),
              null,
              r ->
                  r.privateDnsNameOptions(
                      o -> o.hostnameType("resource-name").enableResourceNameDnsARecord(true)));
      Instance asker = vpcs.run(BUSYBOX, on.subnetId(), null);
      vpcs.waitRunning(a.instanceId(), b.instanceId(), named.instanceId(), asker.instanceId());

      awaitResolvConf(
          vpcs,
          b.instanceId(),
          conf -> assertThat(conf).contains("search ec2.internal\n").doesNotContain("nameserver"));
      assertThat(vpcs.exec(b.instanceId(), "ping", "-c1", "-W1", a.privateDnsName()))
          .doesNotContain(a.privateIpAddress());

      String id = named.instanceId();
      assertThat(named.privateDnsName()).isEqualTo(id + ".ec2.internal");
      assertThat(named.privateDnsNameOptions().hostnameTypeAsString()).isEqualTo("resource-name");
      assertThat(vpcs.exec(id, "hostname")).isEqualTo(id + "\n");
      assertThat(vpcs.exec(asker.instanceId(), "nslookup", id + ".ec2.internal"))
          .contains("Address: " + named.privateIpAddress());
      String ipName = "ip-" + named.privateIpAddress().replace('.', '-') + ".ec2.internal";
      assertThat(vpcs.exec(asker.instanceId(), "nslookup", ipName))
          .contains("Address: " + named.privateIpAddress());

      // DNS support turned on reaches the instances at their next start: the resolver line, and
      // their names (same address and MAC)
      vpcs.ec2.modifyVpcAttribute(r -> r.vpcId(off.id()).enableDnsSupport(v -> v.value(true)));
      vpcs.ec2.stopInstances(r -> r.instanceIds(a.instanceId(), b.instanceId()));
      Ec2Calls.awaitState(
          vpcs.ec2, a.instanceId(), InstanceStateName.STOPPED, Duration.ofSeconds(30));
      Ec2Calls.awaitState(
          vpcs.ec2, b.instanceId(), InstanceStateName.STOPPED, Duration.ofSeconds(30));
      vpcs.ec2.startInstances(r -> r.instanceIds(a.instanceId(), b.instanceId()));
      vpcs.waitRunning(a.instanceId(), b.instanceId());
      awaitResolvConf(
          vpcs, b.instanceId(), conf -> assertThat(conf).contains("nameserver 127.0.0.11\n"));
      assertThat(vpcs.exec(b.instanceId(), "nslookup", a.privateDnsName()))
          .contains("Address: " + a.privateIpAddress());
      assertThat(vpcs.exec(a.instanceId(), "cat", "/sys/class/net/eth0/address"))
          .isEqualTo(a.networkInterfaces().get(0).macAddress() + "\n");
      assertThat(vpcs.exec(a.instanceId(), "ip", "-4", "-o", "addr", "show", "eth0"))
          .contains(" " + a.privateIpAddress() + "/");
    }
  }

  /** Waits until the instance's /etc/resolv.conf passes the check (its boot writes it). */
  private static void awaitResolvConf(
      DockerVpcs vpcs, String instanceId, java.util.function.Consumer<String> check) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> check.accept(vpcs.exec(instanceId, "cat", "/etc/resolv.conf")));
  }

  private static NewDhcpConfiguration option(String key, String... values) {
    return NewDhcpConfiguration.builder().key(key).values(values).build();
  }
}
