package dev.ec2double.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormParamsTest {
  private static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    FormParams.parse(text, out);
    return out;
  }

  @Test
  void decodesPercentEscapesAndPlusInNamesAndValues() {
    assertThat(parse("Action=RunInstances&Tag.1.Value=a%20b+c%26d%3De&na%6De=%E2%82%AC"))
        .containsExactly(
            Map.entry("Action", "RunInstances"),
            Map.entry("Tag.1.Value", "a b c&d=e"),
            Map.entry("name", "€"));
  }

  @Test
  void readsANameWithoutValueAsEmptyAndSkipsEmptyPairs() {
    assertThat(parse("&&Names=&DryRun&=orphan&"))
        .containsExactly(Map.entry("Names", ""), Map.entry("DryRun", ""), Map.entry("", "orphan"));
  }

  @Test
  void keepsTheFirstValueOfARepeatedName() {
    Map<String, String> out = parse("Action=DescribeRegions&Action=RunInstances");
    FormParams.parse("Action=TerminateInstances&Extra=1", out);

    assertThat(out)
        .containsExactly(Map.entry("Action", "DescribeRegions"), Map.entry("Extra", "1"));
  }

  @Test
  void keepsAnEqualsSignInsideAValue() {
    assertThat(parse("UserData=aGk%3D==")).containsEntry("UserData", "aGk===");
  }

  @Test
  void ignoresNullAndEmptyText() {
    assertThat(parse(null)).isEmpty();
    assertThat(parse("")).isEmpty();
  }

  @Test
  void rejectsBrokenPercentEncodingWithMalformedQueryString() {
    for (String bad : new String[] {"Action=%zz", "Action=Describe%2", "%G1=x"}) {
      assertThatThrownBy(() -> parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              AwsException.class,
              e -> {
                assertThat(e.code()).isEqualTo("MalformedQueryString");
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.getMessage()).contains("URL encoding");
              });
    }
  }
}
