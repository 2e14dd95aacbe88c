package dev.ec2double.ec2.instances;

import dev.ec2double.core.RequestContext;
import software.amazon.awssdk.services.ec2.model.GetInstanceMetadataDefaultsRequest;
import software.amazon.awssdk.services.ec2.model.GetInstanceMetadataDefaultsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMetadataDefaultsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMetadataDefaultsResponse;

/** Get/ModifyInstanceMetadataDefaults: the region's IMDS defaults for instances launched after. */
public final class MetadataDefaultsService {
  public GetInstanceMetadataDefaultsResponse getInstanceMetadataDefaults(
      RequestContext ctx, GetInstanceMetadataDefaultsRequest req) {
    return GetInstanceMetadataDefaultsResponse.builder()
        .accountLevel(MetadataDefaults.of(ctx.state()).view())
        .build();
  }

  public ModifyInstanceMetadataDefaultsResponse modifyInstanceMetadataDefaults(
      RequestContext ctx, ModifyInstanceMetadataDefaultsRequest req) {
    MetadataDefaults.of(ctx.state()).modify(req);
    ctx.state().changed();
    return ModifyInstanceMetadataDefaultsResponse.builder().returnValue(true).build();
  }
}
