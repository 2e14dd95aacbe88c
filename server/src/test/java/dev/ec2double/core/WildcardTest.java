package dev.ec2double.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class WildcardTest {
  @Test
  void matchesLiteralValuesExactlyAndCaseSensitively() {
    Predicate<String> p = Wildcard.compile("eu-west-1");

    assertThat(p).accepts("eu-west-1").rejects("EU-WEST-1", "eu-west-10", "xeu-west-1");
  }

  @Test
  void starMatchesAnyRunIncludingNoneAndQuestionMarkExactlyOne() {
    assertThat(Wildcard.compile("eu-*")).accepts("eu-", "eu-west-1").rejects("us-east-1");
    assertThat(Wildcard.compile("eu-west-?"))
        .accepts("eu-west-1")
        .rejects("eu-west-", "eu-west-10");
    assertThat(Wildcard.compile("*")).accepts("", "anything\nmultiline");
  }

  @Test
  void treatsRegexCharactersLiterally() {
    assertThat(Wildcard.compile("a.b*")).accepts("a.b", "a.bc").rejects("axb");
    assertThat(Wildcard.compile("[x]+(y)|$?")).accepts("[x]+(y)|$!").rejects("x");
  }

  @Test
  void backslashEscapesWildcardsAndItself() {
    // The AWS example: \*amazon\?\\ matches the literal string *amazon?\
    assertThat(Wildcard.compile("\\*amazon\\?\\\\")).accepts("*amazon?\\").rejects("xamazonx\\");
    assertThat(Wildcard.compile("trailing\\")).accepts("trailing\\");
  }
}
