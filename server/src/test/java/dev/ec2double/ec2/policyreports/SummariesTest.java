package dev.ec2double.ec2.policyreports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.core.RegionState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummariesTest {
  @Test
  void theMostFrequentValueIsMatchedPerRegionAndAccountsMatchOnlyEverywhere() {
    // account B differs in eu-west-1 only; account C differs everywhere
    PolicySettings settings =
        ctx -> {
          boolean differs =
              ctx.account().equals("333333333333")
                  || (ctx.account().equals("222222222222") && ctx.region().equals("eu-west-1"));
          return Map.of("serial_console_access", differs ? "enabled" : "disabled");
        };
    List<ReportStore.Attribute> out =
        Summaries.compute(
            List.of("111111111111", "222222222222", "333333333333"), settings, RegionState::new);
    ReportStore.Attribute a = out.get(0);
    assertThat(a.name()).isEqualTo("serial_console_access");
    assertThat(a.mostFrequentValue()).isEqualTo("disabled");
    assertThat(a.matched()).isEqualTo(1);
    assertThat(a.unmatched()).isEqualTo(2);
    assertThat(a.regions())
        .filteredOn(r -> r.region().equals("eu-west-1"))
        .extracting(r -> r.matched() + "/" + r.unmatched())
        .containsExactly("1/2");
    assertThat(a.regions())
        .filteredOn(r -> r.region().equals("us-east-1"))
        .extracting(r -> r.matched() + "/" + r.unmatched())
        .containsExactly("2/1");
  }
}
