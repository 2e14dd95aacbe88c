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

  /**
   * The subnet CIDR reservations: blocks automatic assignment never takes from (only an address
   * asked for by name may lie in one).
   */
  private final java.util.List<Cidr> reserved = new java.util.ArrayList<>();

  AddressPool(String subnetId, Cidr cidr) {
    this.subnetId = subnetId;
    this.cidr = cidr;
    this.used = new BitSet((int) cidr.size());
  }

  synchronized String allocate() {
    return allocate(java.util.Set.of(), false);
  }

  /**
   * A free address that is not in {@code avoid} (taken by others on a shared network): the lowest
   * one, or, with {@code spread}, the first from a random place in the subnet. Spread is for the
   * default VPC, whose engine network every server on the engine shares: taking the lowest free
   * address, two servers launching at the same moment tried the same one and the engine refused one
   * launch ("Address already in use").
   */
  synchronized String allocate(java.util.Set<String> avoid, boolean spread) {
    int last = (int) cidr.size() - 1; // the broadcast address, reserved
    int span = last - RESERVED_FIRST;
    if (span > 0) {
      int start =
          spread
              ? RESERVED_FIRST + java.util.concurrent.ThreadLocalRandom.current().nextInt(span)
              : RESERVED_FIRST;
      int i = firstFree(start, last, avoid);
      if (i < 0) {
        i = firstFree(RESERVED_FIRST, start, avoid);
      }
      if (i >= 0) {
        used.set(i);
        return cidr.address(i);
      }
    }
    throw new AwsException(
        "InsufficientFreeAddressesInSubnet",
        "There are not enough free addresses in subnet '"
            + subnetId
            + "' to satisfy the requested number of instances.");
  }

  /** The first index in [from, to) that is neither used nor avoided, or -1. */
  private int firstFree(int from, int to, java.util.Set<String> avoid) {
    for (int i = used.nextClearBit(from); i < to; i = used.nextClearBit(i + 1)) {
      if (!avoid.contains(cidr.address(i)) && !isReserved(cidr.base() + i)) {
        return i;
      }
    }
    return -1;
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

  private boolean isReserved(long ip) {
    for (Cidr r : reserved) {
      if (r.contains(ip)) {
        return true;
      }
    }
    return false;
  }

  /** Reserves a block of the subnet, none of whose addresses may be in use. */
  synchronized void reserve(Cidr block) {
    for (long ip = block.base(); ip < block.base() + block.size(); ip++) {
      if (used.get((int) (ip - cidr.base()))) {
        throw AwsException.invalidParameterValue(
            "The CIDR " + block + " holds the address " + Cidr.ip(ip) + ", which is in use.");
      }
    }
    reserved.add(block);
  }

  synchronized void unreserve(Cidr block) {
    reserved.remove(block);
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
