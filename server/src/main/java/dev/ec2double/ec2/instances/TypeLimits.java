package dev.ec2double.ec2.instances;

/** What an instance type means for its machine: CPU and memory limits, CPU architecture. */
public record TypeLimits(
    String name, int vcpus, int cores, int threadsPerCore, long memoryMib, String architecture) {}
