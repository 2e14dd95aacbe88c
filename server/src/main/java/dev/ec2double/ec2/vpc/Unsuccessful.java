package dev.ec2double.ec2.vpc;

import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItemError;

/** The item of an {@code unsuccessful} list, what batch actions answer for one id they refused. */
final class Unsuccessful {
  private Unsuccessful() {}

  static UnsuccessfulItem item(String resourceId, String code, String message) {
    return UnsuccessfulItem.builder()
        .resourceId(resourceId)
        .error(UnsuccessfulItemError.builder().code(code).message(message).build())
        .build();
  }
}
