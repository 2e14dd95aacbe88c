package dev.ec2double.ec2.clientvpn;

/**
 * The CA a client must trust for an endpoint's server certificate, as PEM: what the exported
 * OpenVPN configuration carries in its {@code <ca>} block. The assembly answers it from the local
 * certificate authority that issues ec2-double's certificates.
 */
@FunctionalInterface
public interface ServerCertificates {
  String caPem(String certificateArn);
}
