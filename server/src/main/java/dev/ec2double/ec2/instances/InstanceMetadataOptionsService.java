package dev.ec2double.ec2.instances;

import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.vpc.InstanceNetworking;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsRequest;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMetadataOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMetadataOptionsResponse;

/**
 * ModifyInstanceMetadataOptions: what is not given stays as it was (a hop limit of -1 too: "no
 * preference"); the metadata service reads the options on every request and the packet filter is
 * rewritten for the hop limit, so a change applies to the running instance at once.
 */
public final class InstanceMetadataOptionsService {
  private final InstanceNetworking networking;

  public InstanceMetadataOptionsService(InstanceNetworking networking) {
    this.networking = networking;
  }

  public ModifyInstanceMetadataOptionsResponse modifyInstanceMetadataOptions(
      RequestContext ctx, ModifyInstanceMetadataOptionsRequest req) {
    InstanceRecord r = Instances.require(ctx, req.instanceId());
    InstanceMetadataOptionsResponse now;
    synchronized (r) {
      InstanceMetadataOptionsResponse o = r.metadataOptions;
      InstanceMetadataOptionsRequest merged =
          InstanceMetadataOptionsRequest.builder()
              .httpTokens(pick(req.httpTokensAsString(), o.httpTokensAsString()))
              .httpPutResponseHopLimit(
                  req.httpPutResponseHopLimit() != null && req.httpPutResponseHopLimit() != -1
                      ? req.httpPutResponseHopLimit()
                      : o.httpPutResponseHopLimit())
              .httpEndpoint(pick(req.httpEndpointAsString(), o.httpEndpointAsString()))
              .instanceMetadataTags(
                  pick(req.instanceMetadataTagsAsString(), o.instanceMetadataTagsAsString()))
              .build();
      now = InstancesService.metadataOptions(merged);
      r.metadataOptions = now;
    }
    // the hop limit is the IP TTL of the token answers, set by the packet filter
    networking.enforce(ctx.state());
    return ModifyInstanceMetadataOptionsResponse.builder()
        .instanceId(r.id)
        .instanceMetadataOptions(now.toBuilder().state("pending").build())
        .build();
  }

  private static String pick(String given, String current) {
    return given != null ? given : current;
  }
}
