package dev.ec2double.ec2.vpc;

/** A subnet CIDR reservation: a block of the subnet automatic address assignment leaves alone. */
record SubnetCidrReservationRecord(
    String id, String subnetId, String cidr, String type, String description)
    implements java.io.Serializable {}
