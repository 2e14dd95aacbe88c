package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;
import dev.ec2double.errors.AwsException;
import java.util.BitSet;

/**
 * The private addresses of a subnet. AWS reserves the first four (network, router, DNS, future) and
 * the last (broadcast) of every subnet
 * (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html).
 */
final class AddressPool implements java.io.Serializable {
  static final int RESERVED_FIRST = 4;

  private final Cidr cidr;
  private final String subnetId;
  private final BitSet used;

  AddressPool(String subnetId, Cidr cidr) {
    this.subnetId = subnetId;
    this.cidr = cidr;
    this.used = new BitSet((int) cidr.size());
  }

  synchronized String allocate() {
    return allocate(java.util.Set.of());
  }

  /** The next free address that is not in {@code avoid} (taken by others on a shared network). */
  synchronized String allocate(java.util.Set<String> avoid) {
    int i = used.nextClearBit(RESERVED_FIRST);
    while (i < cidr.size() - 1 && avoid.contains(cidr.address(i))) {
      i = used.nextClearBit(i + 1);
    }
    if (i >= cidr.size() - 1) {
      throw new AwsException(
          "InsufficientFreeAddressesInSubnet",
          "There are not enough free addresses in subnet '"
              + subnetId
              + "' to satisfy the requested number of instances.");
    }
    used.set(i);
    return cidr.address(i);
  }

  /** Takes a specific address, as a request that names its private IP does. */
  synchronized String claim(String address) {
    long ip = Cidr.ip(address);
    if (ip < 0) {
      throw AwsException.invalidParameterValue("Invalid private IP address: " + address);
    }
    if (!cidr.contains(ip)) {
      throw AwsException.invalidParameterValue(
          "Address does not fall within the subnet's address range");
    }
    int i = (int) (ip - cidr.base());
    if (i < RESERVED_FIRST || i == cidr.size() - 1) {
      throw AwsException.invalidParameterValue(
          "Address " + address + " is reserved by AWS and cannot be assigned.");
    }
    if (used.get(i)) {
      throw new AwsException("InvalidIPAddress.InUse", "Address " + address + " is in use.");
    }
    used.set(i);
    return address;
  }

  synchronized void release(String address) {
    long ip = Cidr.ip(address);
    if (ip >= 0 && cidr.contains(ip)) {
      used.clear((int) (ip - cidr.base()));
    }
  }

  synchronized int available() {
    return (int) (cidr.size() - RESERVED_FIRST - 1) - (used.cardinality());
  }

  synchronized boolean inUse() {
    return !used.isEmpty();
  }
}
