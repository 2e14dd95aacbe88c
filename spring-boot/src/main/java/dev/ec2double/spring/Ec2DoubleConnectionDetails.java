package dev.ec2double.spring;

import java.net.URI;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where an ec2-double server answers, and how to sign for it: what the auto-configured {@code
 * Ec2Client}, {@code ElasticLoadBalancingV2Client} and {@code AutoScalingClient} are built from.
 *
 * <p>A bean of this type comes from {@code @ServiceConnection} on an {@code Ec2DoubleContainer}, or
 * from an {@code Ec2DoubleServer} bean in the context; declare one of your own to point the clients
 * elsewhere (another region, another account's access key).
 */
public interface Ec2DoubleConnectionDetails extends ConnectionDetails {
  /**
   * The access key every ec2-double entry point hands out; it files requests under the server's
   * account.
   */
  String ACCESS_KEY = "AKIAEC2DOUBLETESTKEY";

  /** The matching secret; the server does not check signatures. */
  String SECRET_KEY = "ec2-double-secret-access-key";

  /** The region the clients sign for unless told otherwise; the server serves every region. */
  String REGION = "us-east-1";

  /** The API's base address, e.g. {@code http://127.0.0.1:4750}. */
  URI getEndpoint();

  default String getRegion() {
    return REGION;
  }

  default String getAccessKey() {
    return ACCESS_KEY;
  }

  default String getSecretKey() {
    return SECRET_KEY;
  }
}
