package dev.ec2double.wire;

import java.time.Instant;
import java.util.Optional;

/**
 * Temporary credentials the server itself issued (an instance role's, served by the metadata
 * service): the account they act in, and what a request signed with them must carry.
 */
@FunctionalInterface
public interface TemporaryCredentials {
  TemporaryCredentials NONE = accessKeyId -> Optional.empty();

  /** The session of an access key id the server issued, expired or not; empty for any other. */
  Optional<Session> find(String accessKeyId);

  /**
   * @param account the account the credentials act in (the instance's)
   */
  record Session(String secretAccessKey, String sessionToken, Instant expiration, String account) {}
}
