package dev.ec2double.elbv2;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import org.junit.jupiter.api.Test;

class ListenerAttributesTest {
  private static final String METHODS =
      "routing.http.response.access_control_allow_methods.header_value";
  private static final String TLS_HEADER = "routing.http.request.x_amzn_tls_version.header_name";

  @Test
  void acceptsAwsValuesAndEmptyOnesThatRemoveAHeader() {
    assertThatCode(
            () -> {
              ListenerAttributes.check(false, METHODS, "GET,HEAD,OPTIONS");
              ListenerAttributes.check(false, METHODS, "");
              ListenerAttributes.check(
                  false,
                  "routing.http.response.x_frame_options.header_value",
                  "ALLOW-FROM https://a.example");
              ListenerAttributes.check(
                  false, "routing.http.response.access_control_max_age.header_value", "86400");
              ListenerAttributes.check(true, TLS_HEADER, "X-Tls");
            })
        .doesNotThrowAnyException();
  }

  @Test
  void refusesUnknownKeysHttpsOnlyKeysOnHttpAndBadValues() {
    assertValidation(() -> ListenerAttributes.check(false, TLS_HEADER, "X-Tls"));
    assertValidation(() -> ListenerAttributes.check(true, "tcp.idle_timeout.seconds", "350"));
    assertValidation(() -> ListenerAttributes.check(false, METHODS, "GET,TRACE"));
    assertValidation(
        () ->
            ListenerAttributes.check(
                false, "routing.http.response.access_control_max_age.header_value", "86401"));
    assertValidation(
        () -> ListenerAttributes.check(false, "routing.http.response.server.enabled", "yes"));
    assertValidation(() -> ListenerAttributes.check(true, TLS_HEADER, "X Tls"));
  }

  private static void assertValidation(Runnable r) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo("ValidationError"));
  }
}
