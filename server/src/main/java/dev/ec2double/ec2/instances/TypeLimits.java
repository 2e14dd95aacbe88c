package dev.ec2double.ec2.instances;

/**
 * What an instance type means for its machine: CPU and memory limits, CPU architecture, and how
 * many network interfaces it takes.
 */
public record TypeLimits(
    String name,
    int vcpus,
    int cores,
    int threadsPerCore,
    long memoryMib,
    String architecture,
    int maxInterfaces) {}
