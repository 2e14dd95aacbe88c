package com.example;

import java.util.List;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Vpc;

/** The application's code under test: it only knows an {@link Ec2Client} bean. */
@Service
public class VpcInventory {
  private final Ec2Client ec2;

  public VpcInventory(Ec2Client ec2) {
    this.ec2 = ec2;
  }

  public String create(String cidr, String name) {
    return ec2.createVpc(
            r ->
                r.cidrBlock(cidr)
                    .tagSpecifications(
                        t -> t.resourceType("vpc").tags(tag -> tag.key("Name").value(name))))
        .vpc()
        .vpcId();
  }

  public List<Vpc> named(String name) {
    return ec2.describeVpcs(r -> r.filters(f -> f.name("tag:Name").values(name))).vpcs();
  }
}
