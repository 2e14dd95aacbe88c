package dev.ec2double.ec2.instances;

/** What an instance type means for its machine: CPU and memory limits, CPU architecture. */
public record InstanceTypeSpec(String name, int vcpus, long memoryMib, String architecture) {}
