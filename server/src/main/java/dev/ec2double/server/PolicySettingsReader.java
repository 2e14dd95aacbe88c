package dev.ec2double.server;

import dev.ec2double.core.RequestContext;
import dev.ec2double.ec2.account.SerialConsoleService;
import dev.ec2double.ec2.blockpublicaccess.BlockPublicAccessService;
import dev.ec2double.ec2.images.ImageLifecycleService;
import dev.ec2double.ec2.instances.MetadataDefaultsService;
import dev.ec2double.ec2.policyreports.PolicySettings;
import dev.ec2double.ec2.snapshots.SnapshotBlockPublicAccessService;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.DescribeVpcBlockPublicAccessOptionsRequest;
import software.amazon.awssdk.services.ec2.model.GetImageBlockPublicAccessStateRequest;
import software.amazon.awssdk.services.ec2.model.GetInstanceMetadataDefaultsRequest;
import software.amazon.awssdk.services.ec2.model.GetSerialConsoleAccessStatusRequest;
import software.amazon.awssdk.services.ec2.model.GetSnapshotBlockPublicAccessStateRequest;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataDefaultsResponse;
import software.amazon.awssdk.services.ec2.model.VpcBlockPublicAccessOptions;

/**
 * The declarative policies report's seam answered by the services that own each setting, through
 * the same Get and Describe calls a client makes: what the report shows is what those calls answer.
 */
final class PolicySettingsReader implements PolicySettings {
  private static final String NONE = "no-preference";

  private final ImageLifecycleService images;
  private final BlockPublicAccessService vpcBlock;
  private final SnapshotBlockPublicAccessService snapshots = new SnapshotBlockPublicAccessService();
  private final MetadataDefaultsService metadata = new MetadataDefaultsService();
  private final SerialConsoleService serialConsole = new SerialConsoleService();

  private final java.util.function.Function<RequestContext, String> allowedImages;

  /**
   * @param allowedImages the state GetAllowedImagesSettings answers, or null where the server does
   *     not answer that action (then the report has no allowed images attribute)
   */
  PolicySettingsReader(
      ImageLifecycleService images,
      BlockPublicAccessService vpcBlock,
      java.util.function.Function<RequestContext, String> allowedImages) {
    this.images = images;
    this.vpcBlock = vpcBlock;
    this.allowedImages = allowedImages;
  }

  @Override
  public Map<String, String> read(RequestContext ctx) {
    Map<String, String> out = new LinkedHashMap<>();
    VpcBlockPublicAccessOptions vpc =
        vpcBlock
            .describeVpcBlockPublicAccessOptions(
                ctx, DescribeVpcBlockPublicAccessOptionsRequest.builder().build())
            .vpcBlockPublicAccessOptions();
    out.put(
        "vpc_block_public_access.internet_gateway_block.mode",
        vpc.internetGatewayBlockModeAsString());
    out.put(
        "vpc_block_public_access.internet_gateway_block.exclusions_allowed",
        vpc.exclusionsAllowedAsString() == null ? "enabled" : vpc.exclusionsAllowedAsString());
    boolean serial =
        Boolean.TRUE.equals(
            serialConsole
                .getSerialConsoleAccessStatus(
                    ctx, GetSerialConsoleAccessStatusRequest.builder().build())
                .serialConsoleAccessEnabled());
    out.put("serial_console_access", serial ? "enabled" : "disabled");
    out.put(
        "image_block_public_access",
        images
            .getImageBlockPublicAccessState(
                ctx, GetImageBlockPublicAccessStateRequest.builder().build())
            .imageBlockPublicAccessState());
    String allowed = allowedImages.apply(ctx);
    if (allowed != null) {
      out.put("allowed_images_settings", allowed);
    }
    InstanceMetadataDefaultsResponse imds =
        metadata
            .getInstanceMetadataDefaults(ctx, GetInstanceMetadataDefaultsRequest.builder().build())
            .accountLevel();
    out.put("instance_metadata_defaults.http_tokens", orNone(imds.httpTokensAsString()));
    out.put(
        "instance_metadata_defaults.http_put_response_hop_limit",
        imds.httpPutResponseHopLimit() == null
            ? NONE
            : String.valueOf(imds.httpPutResponseHopLimit()));
    out.put("instance_metadata_defaults.http_endpoint", orNone(imds.httpEndpointAsString()));
    out.put(
        "instance_metadata_defaults.instance_metadata_tags",
        orNone(imds.instanceMetadataTagsAsString()));
    out.put(
        "snapshot_block_public_access",
        snapshots
            .getSnapshotBlockPublicAccessState(
                ctx, GetSnapshotBlockPublicAccessStateRequest.builder().build())
            .stateAsString());
    return out;
  }

  private static String orNone(String value) {
    return value == null ? NONE : value;
  }
}
