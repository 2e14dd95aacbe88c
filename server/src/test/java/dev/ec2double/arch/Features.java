package dev.ec2double.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Map;
import java.util.Set;

/**
 * What a feature is, and what each feature offers the others (its named interfaces), as
 * docs/architecture.md lists them. A feature is a package under {@code ec2} ({@code ec2.vpc}),
 * {@code imds}, {@code autoscaling}, the {@code elbv2} root (its records, store and seams) or a
 * package under it ({@code elbv2.proxy}).
 */
final class Features {
  private Features() {}

  /** "*" means every class of the package: the elbv2 root is the kernel its packages share. */
  static final Map<String, Set<String>> INTERFACES =
      Map.ofEntries(
          Map.entry(
              "ec2.images",
              Set.of("ImageRecord", "ImagesService", "ImageStorage", "ImageAdmission")),
          // launch templates answer its TemplateImages; the assembly registers its services
          Map.entry("ec2.imagesettings", Set.of("TemplateImages")),
          Map.entry("ec2.enclaves", Set.of()),
          Map.entry(
              "ec2.instances",
              Set.of(
                  "InstanceRecord",
                  "InstanceState",
                  "Instances",
                  "InstanceStore",
                  "InstanceStorage",
                  "LaunchFromTemplate",
                  "SpotMarket",
                  "CreditDefaults",
                  "InstancePlacement",
                  "PlacementRules",
                  "RootReplacement")),
          Map.entry("ec2.regions", Set.of("RegionCatalog")),
          // offer nothing: only the assembly registers their services
          Map.entry("ec2.secondarynetworks", Set.of()),
          Map.entry("ec2.clientvpn", Set.of()),
          Map.entry("ec2.blockpublicaccess", Set.of()),
          Map.entry("ec2.vpcencryption", Set.of()),
          Map.entry("ec2.verifiedaccess", Set.of()),
          Map.entry("ec2.routeservers", Set.of()),
          // their seams (AppInstances, AppProbes, PolicySettings) are answered by the assembly
          Map.entry("ec2.appstatus", Set.of()),
          Map.entry("ec2.policyreports", Set.of()),
          Map.entry("ec2.netperf", Set.of()),
          Map.entry(
              "ec2.instancetypes",
              Set.of(
                  "InstanceTypeCatalog",
                  "InstanceTypeSpec",
                  "InstanceRequirementsMatcher",
                  "InstancePrices")),
          Map.entry(
              "ec2.roles", Set.of("InstanceProfiles", "ProfileAssociations", "RoleCredentials")),
          Map.entry(
              "ec2.vpc",
              Set.of(
                  "VpcLookups",
                  "ManagedInterfaces",
                  "TransitGatewayLookups",
                  "InstanceNetworking",
                  "NetworkInterfaceRecord",
                  "SubnetRecord",
                  "VpcAddressPools",
                  "VpcRecord",
                  "VpcState",
                  "PrivateServices",
                  "ConsumerEndpoints",
                  "PathAnalysis")),
          Map.entry(
              "ec2.volumes",
              Set.of("Ebs", "EbsEncryption", "EbsStore", "VolumeRecord", "SnapshotRecord")),
          Map.entry("imds", Set.of("InstanceMetadata", "MetadataSource")),
          Map.entry("elbv2", Set.of("*")),
          Map.entry("elbv2.runtime", Set.of("Elbv2")),
          Map.entry("elbv2.proxy", Set.of("ListenerProxies")),
          Map.entry("elbv2.names", Set.of("NameServer", "VirtualAddresses")),
          Map.entry("elbv2.health", Set.of("HealthChecker")),
          Map.entry("autoscaling", Set.of("Fleet", "GroupTargets")),
          Map.entry("elbv2.tls", Set.of("Certificates", "Issued", "ListenerTls", "MtlsHeaders")),
          Map.entry(
              "elbv2.network",
              Set.of(
                  "Layer4Forwarding",
                  "NetworkListeners",
                  "NetworkLoadBalancers",
                  "NetworkTargetGroups")));

  /** The feature a class belongs to, or null when it is in no feature (a layer, the assembly). */
  static String of(JavaClass c) {
    String p = c.getPackageName();
    String root = LayerRulesTest.ROOT + ".";
    if (!p.startsWith(root)) {
      return null;
    }
    String[] parts = p.substring(root.length()).split("\\.");
    return switch (parts[0]) {
      case "ec2" -> parts.length > 1 ? "ec2." + parts[1] : null;
      case "elbv2" -> parts.length > 1 ? "elbv2." + parts[1] : "elbv2";
      case "imds" -> "imds";
      case "autoscaling" -> "autoscaling";
      default -> null;
    };
  }

  static final DescribedPredicate<JavaClass> IN_A_FEATURE =
      DescribedPredicate.describe("are in a feature", c -> of(c) != null);

  static final SliceAssignment SLICES =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
          String f = of(c);
          return f == null ? SliceIdentifier.ignore() : SliceIdentifier.of(f);
        }

        @Override
        public String getDescription() {
          return "features (ec2.*, elbv2, elbv2.*, imds, autoscaling)";
        }
      };

  static final ArchCondition<JavaClass> USE_ONLY_NAMED_INTERFACES_OF_OTHERS =
      new ArchCondition<>("use only the named interfaces of other features") {
        @Override
        public void check(JavaClass c, ConditionEvents events) {
          String from = of(c);
          for (Dependency d : c.getDirectDependenciesFromSelf()) {
            JavaClass target = d.getTargetClass().getBaseComponentType();
            String to = of(target);
            if (to == null || to.equals(from) || offers(to, target)) {
              continue;
            }
            events.add(
                SimpleConditionEvent.violated(
                    d,
                    d.getDescription()
                        + ": "
                        + topLevel(target).getSimpleName()
                        + " is internal to feature "
                        + to
                        + ", which offers "
                        + INTERFACES.getOrDefault(to, Set.of())
                        + " to "
                        + from));
          }
        }
      };

  private static boolean offers(String feature, JavaClass target) {
    Set<String> names = INTERFACES.getOrDefault(feature, Set.of());
    return names.contains("*") || names.contains(topLevel(target).getSimpleName());
  }

  private static JavaClass topLevel(JavaClass c) {
    JavaClass t = c;
    while (t.getEnclosingClass().isPresent()) {
      t = t.getEnclosingClass().get();
    }
    return t;
  }
}
