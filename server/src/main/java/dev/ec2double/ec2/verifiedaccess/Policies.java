package dev.ec2double.ec2.verifiedaccess;

import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessSseSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessSseSpecificationResponse;

/**
 * Verified Access policies: Cedar text, kept exactly as given once it has the shape of Cedar
 * policies (each statement {@code permit} or {@code forbid} over {@code principal, action,
 * resource}, optional {@code when}/{@code unless} blocks, a {@code ;} at its end, brackets and
 * strings closed), and the server-side encryption setting that guards them. Nothing evaluates the
 * policies: no Verified Access proxy runs.
 * https://docs.aws.amazon.com/verified-access/latest/ug/auth-policies-policy-constructs.html
 */
final class Policies {
  private Policies() {}

  private static final Pattern STATEMENT =
      Pattern.compile(
          "(@\\w+\\s*\\(\\s*\"S\"\\s*\\)\\s*)*(permit|forbid)\\s*\\((?<head>.*?)\\)"
              + "(\\s*(when|unless)\\s*\\{.*?\\})*",
          Pattern.DOTALL);

  private static final Pattern HEAD =
      Pattern.compile("\\s*principal\\b.*,\\s*action\\b.*,\\s*resource\\b.*", Pattern.DOTALL);

  private static final Pattern KMS_KEY =
      Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[A-Za-z0-9/_-]+");

  /** The document, checked; null stays null. */
  static String checked(String document) {
    if (document == null) {
      return null;
    }
    if (document.isBlank()) {
      throw invalid("the policy document is empty");
    }
    for (String s : statements(document)) {
      java.util.regex.Matcher m = STATEMENT.matcher(s.strip());
      if (!m.matches() || !HEAD.matcher(m.group("head")).matches()) {
        throw invalid(
            "each statement is permit(principal, action, resource) or forbid(...), with optional"
                + " when { ... } or unless { ... } conditions");
      }
    }
    return document;
  }

  /**
   * The statements, split at the {@code ;} outside strings and brackets, with string contents
   * replaced by {@code S} and comments dropped, so that the shape check sees only structure.
   */
  private static List<String> statements(String doc) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int depth = 0;
    int i = 0;
    while (i < doc.length()) {
      char c = doc.charAt(i);
      if (c == '/' && i + 1 < doc.length() && doc.charAt(i + 1) == '/') {
        while (i < doc.length() && doc.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      if (c == '"') {
        int end = i + 1;
        while (end < doc.length() && doc.charAt(end) != '"') {
          end += doc.charAt(end) == '\\' ? 2 : 1;
        }
        if (end >= doc.length()) {
          throw invalid("a string is not closed");
        }
        cur.append("\"S\"");
        i = end + 1;
        continue;
      }
      if ("({[".indexOf(c) >= 0) {
        depth++;
      } else if (")}]".indexOf(c) >= 0 && --depth < 0) {
        throw invalid("'" + c + "' closes nothing");
      }
      if (c == ';' && depth == 0) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
      i++;
    }
    if (depth != 0) {
      throw invalid("a bracket is not closed");
    }
    if (!cur.toString().isBlank()) {
      throw invalid("a statement does not end with ';'");
    }
    if (out.isEmpty()) {
      throw invalid("the policy document has no statement");
    }
    return out;
  }

  private static AwsException invalid(String why) {
    return AwsException.invalidParameterValue("Invalid policy document: " + why + ".");
  }

  /**
   * The policy after a Modify*Policy call: enabling one needs a document in the same call (AWS's
   * MissingParameter otherwise); a document given alone replaces the text and keeps the flag.
   */
  static AccessStore.Policy modified(AccessStore.Policy current, Boolean enabled, String document) {
    String doc = checked(document);
    if (Boolean.TRUE.equals(enabled) && doc == null) {
      throw new AwsException(
          "MissingParameter", "Policy Document must be provided when the policy is enabled.");
    }
    boolean on = enabled == null ? current.enabled() : enabled;
    return new AccessStore.Policy(on, doc == null ? current.document() : doc);
  }

  /** A policy a Create call gives: enabled when there is a document. */
  static AccessStore.Policy initial(String document) {
    String doc = checked(document);
    return doc == null ? AccessStore.Policy.NONE : new AccessStore.Policy(true, doc);
  }

  /**
   * The encryption setting of a request, or {@code current} when it has none: a customer managed
   * key needs its KMS key ARN, and a key ARN needs the flag.
   */
  static VerifiedAccessSseSpecificationResponse sse(
      VerifiedAccessSseSpecificationRequest req, VerifiedAccessSseSpecificationResponse current) {
    if (req == null) {
      return current == null
          ? VerifiedAccessSseSpecificationResponse.builder()
              .customerManagedKeyEnabled(false)
              .build()
          : current;
    }
    boolean cmk = Boolean.TRUE.equals(req.customerManagedKeyEnabled());
    if (cmk && req.kmsKeyArn() == null) {
      throw AwsException.missingParameter("KmsKeyArn");
    }
    if (!cmk && req.kmsKeyArn() != null) {
      throw AwsException.invalidParameterCombination(
          "KmsKeyArn needs CustomerManagedKeyEnabled set to true.");
    }
    if (cmk && !KMS_KEY.matcher(req.kmsKeyArn()).matches()) {
      throw AwsException.invalidParameterValue(
          "Invalid value '" + req.kmsKeyArn() + "' for KmsKeyArn: not a KMS key ARN");
    }
    return VerifiedAccessSseSpecificationResponse.builder()
        .customerManagedKeyEnabled(cmk)
        .kmsKeyArn(req.kmsKeyArn())
        .build();
  }
}
