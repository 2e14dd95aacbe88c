package dev.ec2double.ec2.spot;

import java.util.Map;

/**
 * The status messages of Spot request status codes, as the user guide describes each code.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-request-status.html
 */
final class SpotStatus {
  private SpotStatus() {}

  private static final Map<String, String> MESSAGES =
      Map.ofEntries(
          Map.entry(
              "pending-evaluation",
              "Your Spot request has been submitted for review, and is pending evaluation."),
          Map.entry("fulfilled", "Your spot request is fulfilled."),
          Map.entry(
              "not-scheduled-yet", "Your Spot request will not be evaluated until the start date."),
          Map.entry("schedule-expired", "Your Spot request has expired."),
          Map.entry("capacity-not-available", "There is no capacity available for your request."),
          Map.entry("bad-parameters", "Your Spot request has invalid parameters."),
          Map.entry(
              "canceled-before-fulfillment",
              "Your Spot request was canceled before it was fulfilled."),
          Map.entry(
              "request-canceled-and-instance-running",
              "Spot Instance request canceled by user, but the instance is still running."),
          Map.entry(
              "instance-terminated-by-user",
              "Spot Instance terminated due to user-initiated termination."),
          Map.entry(
              "instance-stopped-by-user", "Spot Instance stopped due to user-initiated stop."),
          Map.entry(
              "marked-for-termination",
              "Spot Instance is marked for termination: there is no capacity for it."),
          Map.entry("marked-for-stop", "Spot Instance is marked for stop: there is no capacity."),
          Map.entry(
              "instance-terminated-no-capacity",
              "Spot Instance terminated due to no available capacity."),
          Map.entry(
              "instance-stopped-no-capacity",
              "Spot Instance stopped due to no available capacity."));

  /**
   * @param detail the price figures for {@code price-too-low} (and the reason for bad parameters)
   */
  static String message(String code, String detail) {
    if (code.equals("price-too-low")) {
      return "Your Spot request price of " + detail + ".";
    }
    if (code.equals("bad-parameters") && detail != null) {
      return "Your Spot request has invalid parameters: " + detail;
    }
    return MESSAGES.getOrDefault(code, code);
  }
}
