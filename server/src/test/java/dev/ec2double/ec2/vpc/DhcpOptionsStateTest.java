package dev.ec2double.ec2.vpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.CreateDhcpOptionsRequest;
import software.amazon.awssdk.services.ec2.model.NewDhcpConfiguration;

class DhcpOptionsStateTest {
  @Test
  void aSetAndItsAssociationAreSavedWithTheState() throws Exception {
    RegionState region = new RegionState("123456789012", "eu-west-1");
    RequestContext ctx =
        new RequestContext("123456789012", "eu-west-1", "AKID", "CreateDhcpOptions", "r", region);
    String id =
        new DhcpOptionsService()
            .createDhcpOptions(
                ctx,
                CreateDhcpOptionsRequest.builder()
                    .dhcpConfigurations(
                        NewDhcpConfiguration.builder()
                            .key("ntp-servers")
                            .values("10.0.0.9,10.0.0.10")
                            .build())
                    .build())
            .dhcpOptions()
            .dhcpOptionsId();
    VpcState.of(region).defaultVpc().dhcpOptionsId = id;

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(region);
    }
    RegionState restored;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      restored = (RegionState) in.readObject();
    }

    assertThat(DhcpOptionsSets.KIND.get(restored, id).options().get("ntp-servers"))
        .containsExactly("10.0.0.9", "10.0.0.10");
    assertThat(VpcState.of(restored).defaultVpc().dhcpOptionsId).isEqualTo(id);
    assertThat(DhcpOptionsSets.KIND.all(restored)).hasSize(2); // with the region's default set
  }
}
