package dev.ec2double.ec2.vpc;

import java.util.List;
import java.util.Map;

/**
 * A DHCP options set: its options in the order they were given, each with its values. Immutable, as
 * on AWS (a set is replaced, never changed).
 */
record DhcpOptionsRecord(String id, Map<String, List<String>> options)
    implements java.io.Serializable {}
