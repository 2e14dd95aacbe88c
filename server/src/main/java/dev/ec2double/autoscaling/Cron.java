package dev.ec2double.autoscaling;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A recurrence of a scheduled action in Unix cron syntax, as Auto Scaling takes it: five fields
 * ({@code minute hour day-of-month month day-of-week}) of {@code *}, numbers, ranges, steps ({@code
 * * /15}, {@code 1-5/2}), lists, and the names {@code JAN}–{@code DEC} and {@code SUN}–{@code SAT}
 * (day 0 and 7 are Sunday). When both day fields are restricted, a day matching either runs, as
 * cron does. Times are in the action's time zone (UTC by default), so a daylight-saving change
 * moves the instant, not the wall clock.
 */
final class Cron implements java.io.Serializable {
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private Cron(String[] f) {
    minutes = field(f[0], 0, 59, null, 0);
    hours = field(f[1], 0, 23, null, 0);
    daysOfMonth = field(f[2], 1, 31, null, 0);
    months = field(f[3], 1, 12, MONTHS, 1);
    daysOfWeek = field(f[4], 0, 7, DAYS, 0);
    if (daysOfWeek.get(7)) {
      daysOfWeek.set(0);
    }
    anyDayOfMonth = f[2].equals("*") || f[2].equals("?");
    anyDayOfWeek = f[4].equals("*") || f[4].equals("?");
  }

  /** The recurrence, or Auto Scaling's ValidationError when it is not valid cron. */
  static Cron parse(String expression) {
    String[] f = expression == null ? new String[0] : expression.trim().split("\\s+");
    if (f.length != 5) {
      throw invalid(expression);
    }
    try {
      return new Cron(f);
    } catch (IllegalArgumentException e) {
      throw invalid(expression);
    }
  }

  private static RuntimeException invalid(String expression) {
    return AutoScalingErrors.validation(
        "Given recurrence string " + expression + " is not a valid Unix cron expression.");
  }

  private static BitSet field(String text, int min, int max, List<String> names, int base) {
    BitSet bits = new BitSet(max + 1);
    for (String part : text.split(",", -1)) {
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = Integer.parseInt(part.substring(slash + 1));
        range = part.substring(0, slash);
        if (step < 1) {
          throw new IllegalArgumentException("step");
        }
      }
      int from;
      int to;
      if (range.equals("*") || range.equals("?")) {
        from = min;
        to = max;
      } else {
        int dash = range.indexOf('-');
        from = value(dash < 0 ? range : range.substring(0, dash), names, base);
        to = dash < 0 ? (slash >= 0 ? max : from) : value(range.substring(dash + 1), names, base);
      }
      if (from < min || to > max || from > to) {
        throw new IllegalArgumentException("range");
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int value(String text, List<String> names, int base) {
    if (names != null) {
      int i = names.indexOf(text.toUpperCase(Locale.ROOT));
      if (i >= 0) {
        return i + base;
      }
    }
    return Integer.parseInt(text);
  }

  /** The first minute strictly after {@code after} that the recurrence names, in {@code zone}. */
  Instant next(Instant after, ZoneId zone) {
    ZonedDateTime t =
        after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1).withSecond(0);
    ZonedDateTime limit = t.plusYears(5);
    while (t.isBefore(limit)) {
      if (!months.get(t.getMonthValue())) {
        t = t.plusMonths(1).withDayOfMonth(1).withHour(0).withMinute(0);
        continue;
      }
      if (!dayMatches(t)) {
        t = t.plusDays(1).withHour(0).withMinute(0);
        continue;
      }
      if (!hours.get(t.getHour())) {
        t = t.plusHours(1).withMinute(0);
        continue;
      }
      if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
        continue;
      }
      return t.toInstant();
    }
    return null; // never (31 February): no next run
  }

  private boolean dayMatches(ZonedDateTime t) {
    boolean dom = daysOfMonth.get(t.getDayOfMonth());
    DayOfWeek d = t.getDayOfWeek();
    boolean dow = daysOfWeek.get(d.getValue() % 7);
    if (anyDayOfMonth && anyDayOfWeek) {
      return true;
    }
    if (anyDayOfMonth) {
      return dow;
    }
    if (anyDayOfWeek) {
      return dom;
    }
    return dom || dow;
  }
}
