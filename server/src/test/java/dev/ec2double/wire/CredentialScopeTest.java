package dev.ec2double.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import org.junit.jupiter.api.Test;

class CredentialScopeTest {
  private static final String HEADER =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240102/eu-west-1/ec2/aws4_request,"
          + " SignedHeaders=host;x-amz-date, Signature=abcdef0123";

  @Test
  void readsKeyRegionAndServiceFromTheAuthorizationHeader() {
    assertThat(CredentialScope.parse(HEADER, null))
        .isEqualTo(new CredentialScope("AKIDEXAMPLE", "eu-west-1", "ec2"));
  }

  @Test
  void readsThePresignedCredentialWhenThereIsNoHeader() {
    assertThat(
            CredentialScope.parse(
                null, "123456789012/20240102/us-east-1/elasticloadbalancing/aws4_request"))
        .isEqualTo(new CredentialScope("123456789012", "us-east-1", "elasticloadbalancing"));
  }

  @Test
  void prefersTheHeaderOverAPresignedCredential() {
    assertThat(CredentialScope.parse(HEADER, "X/20240102/us-east-1/ec2/aws4_request").region())
        .isEqualTo("eu-west-1");
  }

  @Test
  void asksForAnAccessKeyWhenNothingIdentifiesTheCaller() {
    assertThatThrownBy(() -> CredentialScope.parse(null, null))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.code()).isEqualTo("MissingParameter");
              assertThat(e.getMessage()).contains("AWSAccessKeyId");
            });
    assertThatThrownBy(() -> CredentialScope.parse("  ", "")).isInstanceOf(AwsException.class);
  }

  @Test
  void rejectsOtherSchemesAndIncompleteHeadersWithIncompleteSignature() {
    assertIncomplete("Basic dXNlcjpwYXNz", "AWS4-HMAC-SHA256");
    assertIncomplete("AWS4-HMAC-SHA256 Credential=A/2024/us-east-1/ec2/aws4_request", "Signature");
    assertIncomplete(
        "AWS4-HMAC-SHA256 Credential=A/us-east-1/ec2, SignedHeaders=host, Signature=x",
        "5 slash-delimited");
    assertIncomplete(
        "AWS4-HMAC-SHA256 Credential=A/2024/us-east-1/ec2/aws5_request, SignedHeaders=host,"
            + " Signature=x",
        "aws4_request");
    assertIncomplete("AWS4-HMAC-SHA256 " + "x".repeat(10_000), "...");
  }

  private static void assertIncomplete(String header, String messagePart) {
    assertThatThrownBy(() -> CredentialScope.parse(header, null))
        .as(header.length() > 80 ? header.substring(0, 80) : header)
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.code()).isEqualTo("IncompleteSignature");
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).contains(messagePart).hasSizeLessThan(1000);
            });
  }
}
