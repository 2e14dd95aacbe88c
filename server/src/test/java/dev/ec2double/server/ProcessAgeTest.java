package dev.ec2double.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProcessAgeTest {
  @Test
  void theAgeIsTheUptimeLessTheProcessStart() {
    String stat = "42 (java (x) y) S 1 42 42 0 -1 4194304 10 0 0 0 5 1 0 0 20 0 30 0 123456 999";
    assertThat(ProcessAge.millis("1235.00 2000.00", stat)).hasValue(440);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void thisProcessHasRunForAWhileButNotForADay() {
    java.util.OptionalLong age = ProcessAge.millis();
    assertThat(age).isPresent();
    assertThat(age.getAsLong()).isPositive().isLessThan(86_400_000L);
  }
}
