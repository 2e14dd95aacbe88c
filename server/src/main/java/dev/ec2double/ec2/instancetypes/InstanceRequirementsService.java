package dev.ec2double.ec2.instancetypes;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.GetInstanceTypesFromInstanceRequirementsRequest;
import software.amazon.awssdk.services.ec2.model.GetInstanceTypesFromInstanceRequirementsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceRequirementsRequest;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfoFromInstanceRequirements;

/**
 * GetInstanceTypesFromInstanceRequirements over the catalogue, by {@link
 * InstanceRequirementsMatcher} (what fleets match too). Price protection is not applied: "This
 * parameter is not supported for GetSpotPlacementScores and
 * GetInstanceTypesFromInstanceRequirements."
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetInstanceTypesFromInstanceRequirements.html
 */
public final class InstanceRequirementsService {
  public GetInstanceTypesFromInstanceRequirementsResponse getInstanceTypesFromInstanceRequirements(
      RequestContext ctx, GetInstanceTypesFromInstanceRequirementsRequest req) {
    if (req.architectureTypes().isEmpty()) {
      throw AwsException.missingParameter("ArchitectureTypes");
    }
    if (req.virtualizationTypes().isEmpty()) {
      throw AwsException.missingParameter("VirtualizationTypes");
    }
    InstanceRequirementsRequest r = req.instanceRequirements();
    if (r == null) {
      throw AwsException.missingParameter("InstanceRequirements.VCpuCount.Min");
    }
    InstanceRequirementsMatcher.check(r, "InstanceRequirements");
    List<InstanceTypeInfoFromInstanceRequirements> types =
        InstanceRequirementsMatcher.matching(
                r, req.architectureTypesAsStrings(), req.virtualizationTypesAsStrings())
            .stream()
            .map(
                t ->
                    InstanceTypeInfoFromInstanceRequirements.builder()
                        .instanceType(t.name())
                        .build())
            .toList();
    Pages.Page<InstanceTypeInfoFromInstanceRequirements> page =
        Pages.page(ctx.action(), types, req.maxResults(), req.nextToken());
    return GetInstanceTypesFromInstanceRequirementsResponse.builder()
        .instanceTypes(page.items())
        .nextToken(page.nextToken())
        .build();
  }
}
