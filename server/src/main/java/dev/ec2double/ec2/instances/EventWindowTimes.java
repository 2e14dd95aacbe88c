package dev.ec2double.ec2.instances;

import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.ec2.model.InstanceEventWindowTimeRangeRequest;

/**
 * The times of an event window, checked as CreateInstanceEventWindow documents them: either time
 * ranges (each at least 2 hours) or a cron expression (only hours and days of the week; minute, day
 * of month and month {@code *}; hour ranges of at least 2 hours), and at least 4 hours in all.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/event-windows.html
 */
final class EventWindowTimes {
  static final List<String> DAYS =
      List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday");
  private static final List<String> CRON_DAYS =
      List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  private static final int MIN_RANGE_HOURS = 2;
  private static final int MIN_TOTAL_HOURS = 4;
  private static final int WEEK_HOURS = 7 * 24;

  private EventWindowTimes() {}

  /** One time range: day of the week (0 is Sunday) and hour of its start and end. */
  record Range(int startDay, int startHour, int endDay, int endHour)
      implements java.io.Serializable {
    int hours() {
      int start = startDay * 24 + startHour;
      int end = endDay * 24 + endHour;
      return Math.floorMod(end - start, WEEK_HOURS);
    }
  }

  /** Either the ranges or the cron expression, checked; exactly one of them must be given. */
  static void checkOneOf(List<InstanceEventWindowTimeRangeRequest> ranges, String cron) {
    if (!ranges.isEmpty() && cron != null) {
      throw AwsException.invalidParameterCombination(
          "An event window takes either TimeRanges or a CronExpression, not both.");
    }
    if (ranges.isEmpty() && cron == null) {
      throw AwsException.missingParameter("TimeRanges or CronExpression");
    }
  }

  /** The time ranges, checked; none when none are asked for (a cron expression instead). */
  static List<Range> ranges(List<InstanceEventWindowTimeRangeRequest> asked) {
    if (asked.isEmpty()) {
      return List.of();
    }
    List<Range> out = new ArrayList<>();
    int total = 0;
    for (InstanceEventWindowTimeRangeRequest r : asked) {
      Range range =
          new Range(
              day(r.startWeekDayAsString(), "StartWeekDay"),
              hour(r.startHour(), "StartHour"),
              day(r.endWeekDayAsString(), "EndWeekDay"),
              hour(r.endHour(), "EndHour"));
      if (range.hours() < MIN_RANGE_HOURS) {
        throw AwsException.invalidParameterValue(
            "Each time range of an event window must be at least "
                + MIN_RANGE_HOURS
                + " hours long.");
      }
      total += range.hours();
      out.add(range);
    }
    total(total);
    return out;
  }

  /** A cron expression as AWS accepts it, e.g. {@code * 0-4,20-23 * * 1,5}. */
  static String cron(String expression) {
    String[] f = expression.trim().split("\\s+");
    if (f.length != 5) {
      throw badCron(expression, "it must have 5 fields");
    }
    if (!f[0].equals("*") || !f[2].equals("*") || !f[3].equals("*")) {
      throw badCron(expression, "the minute, day of month and month must be *");
    }
    int hours = 0;
    if (f[1].equals("*")) {
      hours = 24;
    } else {
      for (String part : f[1].split(",", -1)) {
        String[] ends = part.split("-", -1);
        if (ends.length != 2) {
          throw badCron(expression, "hours must be ranges such as 0-4");
        }
        int from = cronNumber(ends[0], 23, expression);
        int to = cronNumber(ends[1], 23, expression);
        if (to - from < MIN_RANGE_HOURS) {
          throw badCron(expression, "each hour range must be at least 2 hours");
        }
        hours += to - from;
      }
    }
    int days = 0;
    if (f[4].equals("*")) {
      days = 7;
    } else {
      for (String part : f[4].split(",", -1)) {
        String[] ends = part.split("-", -1);
        if (ends.length > 2) {
          throw badCron(expression, "bad day of the week '" + part + "'");
        }
        int from = cronDay(ends[0], expression);
        int to = ends.length == 2 ? cronDay(ends[1], expression) : from;
        if (to < from) {
          throw badCron(expression, "bad day range '" + part + "'");
        }
        days += to - from + 1;
      }
    }
    total(hours * days);
    return String.join(" ", f);
  }

  private static void total(int hours) {
    if (hours < MIN_TOTAL_HOURS) {
      throw AwsException.invalidParameterValue(
          "An event window must be at least " + MIN_TOTAL_HOURS + " hours in total.");
    }
  }

  private static int day(String value, String parameter) {
    int i = value == null ? -1 : DAYS.indexOf(value.toLowerCase(Locale.ROOT));
    if (i < 0) {
      throw AwsException.invalidParameterValue(
          "Value (" + value + ") for parameter " + parameter + " is invalid.");
    }
    return i;
  }

  private static int hour(Integer value, String parameter) {
    if (value == null || value < 0 || value > 23) {
      throw AwsException.invalidParameterValue(
          "Value (" + value + ") for parameter " + parameter + " is invalid: 0 to 23.");
    }
    return value;
  }

  private static int cronDay(String v, String expression) {
    int named = CRON_DAYS.indexOf(v.toUpperCase(Locale.ROOT));
    return named >= 0 ? named : cronNumber(v, 6, expression);
  }

  private static int cronNumber(String v, int max, String expression) {
    try {
      int n = Integer.parseInt(v);
      if (n >= 0 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the error
    }
    throw badCron(expression, "'" + v + "' is not between 0 and " + max);
  }

  private static AwsException badCron(String expression, String why) {
    return AwsException.invalidParameterValue(
        "The cron expression '" + expression + "' is not valid: " + why + ".");
  }
}
