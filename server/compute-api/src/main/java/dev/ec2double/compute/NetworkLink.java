package dev.ec2double.compute;

/**
 * A route between two networks, both ways: traffic from {@code cidr} on {@code network} to {@code
 * peerCidr} on {@code peerNetwork}, and back, is forwarded by the host with the addresses kept (no
 * masquerade). It opens only the route; the machines' packet policies and the subnets' ACLs still
 * filter it. An active VPC peering whose route tables route both sides to it makes one per pair of
 * subnets.
 *
 * @param network one side's network
 * @param cidr the IPv4 block on that side that may use the route
 * @param peerNetwork the other side's network
 * @param peerCidr the IPv4 block on the other side that may use it
 */
public record NetworkLink(String network, String cidr, String peerNetwork, String peerCidr) {}
