package dev.ec2double.compute;

import java.util.Map;

/**
 * Everything a backend needs to create one instance's machine.
 *
 * @param name a name unique on the engine (the instance id plus the server id)
 * @param image the image reference its AMI maps to
 * @param hostname the machine's fully qualified name ({@code ip-172-31-0-5.ec2.internal}): its
 *     hostname is the first label, its domain the rest
 * @param network the network it joins, and {@code privateIp} its fixed address there
 * @param dnsNames names other machines on the network resolve to it
 * @param cpus the CPU limit in vCPUs
 * @param memoryBytes the memory limit
 * @param files files placed in the machine before it boots, by absolute path
 * @param labels labels naming the server, account, region and instance
 * @param macAddress the MAC of its network interface, or null for the engine's choice
 * @param env environment variables of its processes
 */
public record MachineSpec(
    String name,
    String image,
    String hostname,
    String network,
    String privateIp,
    java.util.List<String> dnsNames,
    double cpus,
    long memoryBytes,
    Map<String, BootFile> files,
    Map<String, String> labels,
    String macAddress,
    Map<String, String> env) {

  /** A file's content and mode. */
  public record BootFile(byte[] content, int mode) {}
}
