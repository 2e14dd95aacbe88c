package dev.ec2double.ec2.vpc;

/**
 * An egress-only internet gateway and the VPC it was made for (it stays attached until deleted).
 */
record EgressOnlyInternetGatewayRecord(String id, String vpcId) implements java.io.Serializable {}
