package dev.ec2double.compute;

import java.util.Map;

/** A network to create: a name unique on the engine, its CIDR, its gateway, labels. */
public record NetworkSpec(String name, String cidr, String gateway, Map<String, String> labels) {}
