package dev.ec2double.ec2.instances;

import dev.ec2double.errors.AwsException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.PrivateIpAddressSpecification;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/**
 * What RunInstances refuses in its NetworkInterfaces before looking anything up, with AWS's codes
 * and messages (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html,
 * API_InstanceNetworkInterfaceSpecification.html): interfaces take the place of the instance-level
 * subnet, groups and address; each has its own device index, one of them 0; an existing interface
 * brings its own subnet, groups and addresses and goes to one instance only.
 */
final class InterfaceChecks {
  private InterfaceChecks() {}

  /** Checks the request's interfaces for a launch of at most {@code max} instances of a type. */
  static void check(RunInstancesRequest req, int max, TypeLimits type) {
    List<InstanceNetworkInterfaceSpecification> nis = req.networkInterfaces();
    if (nis.isEmpty()) {
      return;
    }
    if (req.subnetId() != null) {
      throw AwsException.invalidParameterCombination(
          "Network interfaces and an instance-level subnet ID may not be specified on the same"
              + " request");
    }
    if (!req.securityGroupIds().isEmpty() || !req.securityGroups().isEmpty()) {
      throw AwsException.invalidParameterCombination(
          "Network interfaces and an instance-level security groups may not be specified on the"
              + " same request");
    }
    if (req.privateIpAddress() != null) {
      throw AwsException.invalidParameterCombination(
          "Network interfaces and an instance-level private IP address may not be specified on"
              + " the same request");
    }
    Set<Integer> indexes = new HashSet<>();
    Set<String> existing = new HashSet<>();
    for (InstanceNetworkInterfaceSpecification ni : nis) {
      if (ni.deviceIndex() == null) {
        throw AwsException.missingParameter("NetworkInterface.DeviceIndex");
      }
      if (ni.deviceIndex() < 0) {
        throw AwsException.invalidParameterValue(
            "Invalid value '" + ni.deviceIndex() + "' for deviceIndex.");
      }
      if (!indexes.add(ni.deviceIndex())) {
        throw AwsException.invalidParameterValue(
            "Each network interface requires a unique device index.");
      }
      one(ni, max, nis.size());
      if (ni.networkInterfaceId() != null && !existing.add(ni.networkInterfaceId())) {
        throw AwsException.invalidParameterValue(
            "The network interface '" + ni.networkInterfaceId() + "' is specified more than once.");
      }
    }
    if (!indexes.contains(0)) {
      throw AwsException.invalidParameterValue(
          "A network interface at device index 0 (the primary network interface) is required.");
    }
    if (nis.size() > type.maxInterfaces()) {
      throw new AwsException(
          "AttachmentLimitExceeded",
          "Interface count " + nis.size() + " exceeds the limit for " + type.name());
    }
  }

  /** One interface's own rules: an existing one takes nothing a new one is made with. */
  private static void one(InstanceNetworkInterfaceSpecification ni, int max, int count) {
    if (Boolean.TRUE.equals(ni.associatePublicIpAddress())) {
      if (ni.networkInterfaceId() != null) {
        throw AwsException.invalidParameterCombination(
            "The associatePublicIPAddress parameter cannot be specified for a network interface"
                + " with an ID.");
      }
      if (count > 1) {
        throw AwsException.invalidParameterCombination(
            "The associatePublicIPAddress parameter cannot be specified when launching with"
                + " multiple network interfaces.");
      }
    }
    boolean addresses =
        ni.privateIpAddress() != null
            || !ni.privateIpAddresses().isEmpty()
            || ni.secondaryPrivateIpAddressCount() != null;
    if (ni.networkInterfaceId() != null) {
      if (ni.subnetId() != null) {
        throw AwsException.invalidParameterCombination(
            "A network interface may not specify both a network interface ID and a subnet");
      }
      if (!ni.groups().isEmpty()) {
        throw AwsException.invalidParameterCombination(
            "A network interface may not specify both a network interface ID and security"
                + " groups");
      }
      if (addresses) {
        throw AwsException.invalidParameterCombination(
            "A network interface may not specify both a network interface ID and private IP"
                + " addresses");
      }
      if (max > 1) {
        throw AwsException.invalidParameterCombination(
            "Cannot specify an existing network interface when launching more than one"
                + " instance.");
      }
      return;
    }
    if (max > 1 && (ni.privateIpAddress() != null || !ni.privateIpAddresses().isEmpty())) {
      throw AwsException.invalidParameterCombination(
          "Cannot specify a private IP address when launching more than one instance.");
    }
    if (!ni.privateIpAddresses().isEmpty() && ni.secondaryPrivateIpAddressCount() != null) {
      throw AwsException.invalidParameterCombination(
          "Specify either PrivateIpAddresses or SecondaryPrivateIpAddressCount, not both.");
    }
    if (ni.secondaryPrivateIpAddressCount() != null && ni.secondaryPrivateIpAddressCount() < 0) {
      throw AwsException.invalidParameterValue(
          "Invalid value '"
              + ni.secondaryPrivateIpAddressCount()
              + "' for secondaryPrivateIpAddressCount.");
    }
    long primaries =
        ni.privateIpAddresses().stream()
            .filter(a -> Boolean.TRUE.equals(a.primary()))
            .map(PrivateIpAddressSpecification::privateIpAddress)
            .filter(ip -> !java.util.Objects.equals(ip, ni.privateIpAddress()))
            .count();
    if (primaries + (ni.privateIpAddress() != null ? 1 : 0) > 1) {
      throw AwsException.invalidParameterValue(
          "Only one primary private IP address can be specified.");
    }
  }
}
