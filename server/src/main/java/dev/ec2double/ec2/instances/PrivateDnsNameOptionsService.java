package dev.ec2double.ec2.instances;

import dev.ec2double.core.RequestContext;
import software.amazon.awssdk.services.ec2.model.ModifyPrivateDnsNameOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyPrivateDnsNameOptionsResponse;

/**
 * ModifyPrivateDnsNameOptions: the hostname type and the resource name's DNS records of a stopped
 * instance (AWS changes them only while the instance is stopped). What is not given stays; the new
 * private DNS name shows in DescribeInstances and the metadata service at once.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyPrivateDnsNameOptions.html
 */
public final class PrivateDnsNameOptionsService {
  public ModifyPrivateDnsNameOptionsResponse modifyPrivateDnsNameOptions(
      RequestContext ctx, ModifyPrivateDnsNameOptionsRequest req) {
    InstanceRecord r = Instances.require(ctx, req.instanceId());
    String type = PrivateDnsNames.hostnameType(req.privateDnsHostnameTypeAsString());
    synchronized (r) {
      if (r.state != InstanceState.STOPPED) {
        throw Instances.incorrectState(r, "modified");
      }
      if (type != null) {
        r.hostnameType = type;
      }
      if (req.enableResourceNameDnsARecord() != null) {
        r.resourceNameA = req.enableResourceNameDnsARecord();
      }
      if (req.enableResourceNameDnsAAAARecord() != null) {
        r.resourceNameAaaa = req.enableResourceNameDnsAAAARecord();
      }
      r.privateDnsName = PrivateDnsNames.of(r.hostnameType, r.id, r.privateIp, r.region);
    }
    return ModifyPrivateDnsNameOptionsResponse.builder().returnValue(true).build();
  }
}
