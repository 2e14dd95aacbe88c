package dev.ec2double.ec2.instancetypes;

import dev.ec2double.core.Pages;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.GetInstanceTypesFromInstanceRequirementsRequest;
import software.amazon.awssdk.services.ec2.model.GetInstanceTypesFromInstanceRequirementsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceRequirementsRequest;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfoFromInstanceRequirements;

/**
 * GetInstanceTypesFromInstanceRequirements over the catalogue: architectures, vCPUs, memory, memory
 * per vCPU, CPU manufacturers, burstable and bare metal (both {@code included}, {@code required} or
 * {@code excluded}; bare metal is excluded by default, as on AWS), hibernation support, allowed and
 * excluded types (with {@code *} wildcards), virtualization types, and through {@link
 * InstanceRequirementsExtras} generations, local storage, accelerators, network interfaces, network
 * and EBS bandwidth and encryption in transit. Price requirements are taken but match every type
 * (ec2-double has no prices to compare).
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
    if (r == null || r.vCpuCount() == null || r.vCpuCount().min() == null) {
      throw AwsException.missingParameter("InstanceRequirements.VCpuCount.Min");
    }
    if (r.memoryMiB() == null || r.memoryMiB().min() == null) {
      throw AwsException.missingParameter("InstanceRequirements.MemoryMiB.Min");
    }
    if (r.allowedInstanceTypes().size() > 0 && r.excludedInstanceTypes().size() > 0) {
      throw AwsException.invalidParameterCombination(
          "AllowedInstanceTypes and ExcludedInstanceTypes cannot both be specified.");
    }
    Predicate<InstanceTypeSpec> matches = matches(req, r);
    List<InstanceTypeInfoFromInstanceRequirements> types =
        InstanceTypeCatalog.all().stream()
            .filter(matches)
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

  private static Predicate<InstanceTypeSpec> matches(
      GetInstanceTypesFromInstanceRequirementsRequest req, InstanceRequirementsRequest r) {
    List<String> arches = req.architectureTypesAsStrings();
    List<String> virtualization = req.virtualizationTypesAsStrings();
    Predicate<InstanceTypeSpec> extras = InstanceRequirementsExtras.of(r);
    int vMin = r.vCpuCount().min();
    int vMax = r.vCpuCount().max() == null ? Integer.MAX_VALUE : r.vCpuCount().max();
    int mMin = r.memoryMiB().min();
    long mMax = r.memoryMiB().max() == null ? Long.MAX_VALUE : r.memoryMiB().max();
    double perMin =
        r.memoryGiBPerVCpu() == null || r.memoryGiBPerVCpu().min() == null
            ? 0
            : r.memoryGiBPerVCpu().min();
    double perMax =
        r.memoryGiBPerVCpu() == null || r.memoryGiBPerVCpu().max() == null
            ? Double.MAX_VALUE
            : r.memoryGiBPerVCpu().max();
    List<String> makers = r.cpuManufacturersAsStrings();
    String burstable = option(r.burstablePerformanceAsString(), "excluded", "BurstablePerformance");
    String bareMetal = option(r.bareMetalAsString(), "excluded", "BareMetal");
    boolean hibernate = Boolean.TRUE.equals(r.requireHibernateSupport());
    List<Pattern> allowed =
        r.allowedInstanceTypes().stream().map(InstanceRequirementsService::glob).toList();
    List<Pattern> excluded =
        r.excludedInstanceTypes().stream().map(InstanceRequirementsService::glob).toList();
    return t ->
        t.details().virtualizationTypes().stream().anyMatch(virtualization::contains)
            && t.architectures().stream().anyMatch(arches::contains)
            && t.vcpus() >= vMin
            && t.vcpus() <= vMax
            && t.memoryMib() >= mMin
            && t.memoryMib() <= mMax
            && t.memoryMib() / 1024.0 / t.vcpus() >= perMin
            && t.memoryMib() / 1024.0 / t.vcpus() <= perMax
            && (makers.isEmpty() || makers.contains(maker(t.manufacturer())))
            && allows(burstable, t.burstable())
            && allows(bareMetal, t.bareMetal())
            && (!hibernate || t.hibernationSupported())
            && (allowed.isEmpty() || allowed.stream().anyMatch(p -> p.matcher(t.name()).matches()))
            && excluded.stream().noneMatch(p -> p.matcher(t.name()).matches())
            && extras.test(t);
  }

  /** The CpuManufacturer value of the catalogue's manufacturer. */
  private static String maker(String manufacturer) {
    return switch (manufacturer) {
      case "AWS" -> "amazon-web-services";
      default -> manufacturer.toLowerCase(Locale.ROOT);
    };
  }

  static boolean allows(String option, boolean has) {
    return switch (option) {
      case "required" -> has;
      case "excluded" -> !has;
      default -> true;
    };
  }

  static String option(String value, String dflt, String name) {
    if (value == null) {
      return dflt;
    }
    if (!List.of("included", "required", "excluded").contains(value)) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + value
              + ") for parameter "
              + name
              + " is invalid. Valid values: included,"
              + " required, excluded");
    }
    return value;
  }

  /** {@code m5.*}, {@code *3*}: AWS's wildcard patterns of instance types. */
  private static Pattern glob(String pattern) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      re.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(re.toString());
  }
}
