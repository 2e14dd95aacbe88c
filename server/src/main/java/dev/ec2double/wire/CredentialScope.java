package dev.ec2double.wire;

import dev.ec2double.errors.AwsException;

/**
 * What a SigV4 request says about its caller: {@code
 * Credential=AKID/DATE/REGION/SERVICE/aws4_request} from the {@code Authorization} header, or
 * {@code X-Amz-Credential} of a presigned request. The signature itself is not verified here; the
 * scope picks the account, region and service.
 */
public record CredentialScope(String accessKey, String region, String service) {
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";

  /**
   * @param authorization the Authorization header, or null
   * @param presignedCredential the X-Amz-Credential query parameter, or null
   */
  public static CredentialScope parse(String authorization, String presignedCredential) {
    if (authorization != null && !authorization.isBlank()) {
      return fromHeader(authorization.trim());
    }
    if (presignedCredential != null && !presignedCredential.isBlank()) {
      return fromCredential(presignedCredential.trim());
    }
    throw new AwsException(
        "MissingParameter", "The request must contain the parameter AWSAccessKeyId", 400);
  }

  private static CredentialScope fromHeader(String header) {
    if (!header.startsWith(ALGORITHM + " ")) {
      throw incomplete(
          "Authorization header must use the "
              + ALGORITHM
              + " algorithm (Signature Version 4), got '"
              + shorten(header)
              + "'.");
    }
    String credential = null;
    boolean signature = false;
    boolean signedHeaders = false;
    for (String part : header.substring(ALGORITHM.length()).split(",")) {
      String p = part.trim();
      if (p.startsWith("Credential=")) {
        credential = p.substring("Credential=".length());
      } else if (p.startsWith("Signature=")) {
        signature = true;
      } else if (p.startsWith("SignedHeaders=")) {
        signedHeaders = true;
      }
    }
    StringBuilder missing = new StringBuilder();
    if (credential == null) {
      missing.append(" Authorization header requires 'Credential' parameter.");
    }
    if (!signature) {
      missing.append(" Authorization header requires 'Signature' parameter.");
    }
    if (!signedHeaders) {
      missing.append(" Authorization header requires 'SignedHeaders' parameter.");
    }
    if (missing.length() > 0) {
      throw incomplete(missing.toString().trim() + " Authorization=" + shorten(header));
    }
    return fromCredential(credential);
  }

  private static CredentialScope fromCredential(String credential) {
    String[] parts = credential.split("/");
    if (parts.length != 5 || parts[0].isEmpty() || !"aws4_request".equals(parts[4])) {
      throw incomplete(
          "Credential must have exactly 5 slash-delimited elements, e.g."
              + " keyid/date/region/service/aws4_request, got '"
              + shorten(credential)
              + "'.");
    }
    return new CredentialScope(parts[0], parts[2], parts[3]);
  }

  private static AwsException incomplete(String message) {
    return new AwsException("IncompleteSignature", message, 400);
  }

  private static String shorten(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }
}
