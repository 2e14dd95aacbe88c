package dev.ec2double.ec2.verifiedaccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.errors.AwsException;
import org.junit.jupiter.api.Test;

class PoliciesTest {
  private static void refused(String document) {
    assertThatThrownBy(() -> Policies.checked(document))
        .isInstanceOf(AwsException.class)
        .extracting(e -> ((AwsException) e).code())
        .isEqualTo("InvalidParameterValue");
  }

  @Test
  void keepsCedarPoliciesExactlyAsWritten() {
    String doc =
        "// finance only\n@id(\"finance\")\npermit(principal, action, resource)\n"
            + "when { context.idp.groups.contains(\"finance; team\") && context.jamf.risk == \"LOW\" };\n"
            + "forbid(principal, action in [Action::\"a\", Action::\"b\"], resource)\n"
            + "unless { context.idp.email.address like \"*@example.com\" };";
    assertThat(Policies.checked(doc)).isSameAs(doc);
    assertThat(Policies.checked(null)).isNull();
  }

  @Test
  void refusesWhatIsNotShapedLikeCedar() {
    refused("");
    refused("allow all");
    refused("permit(principal, action, resource)");
    refused("permit(principal, action, resource) when { true ;");
    refused("permit(principal, resource, action);");
    refused("permit(principal, action, resource) where { true };");
    refused("permit(principal, action, resource) when { \"open };");
  }

  @Test
  void enablingAPolicyNeedsItsDocumentAndADocumentAloneKeepsTheFlag() {
    var on = Policies.initial("permit(principal, action, resource);");
    assertThat(on.enabled()).isTrue();
    assertThat(Policies.initial(null)).isEqualTo(AccessStore.Policy.NONE);
    assertThatThrownBy(() -> Policies.modified(AccessStore.Policy.NONE, true, null))
        .extracting(e -> ((AwsException) e).code())
        .isEqualTo("MissingParameter");
    var off = Policies.modified(on, false, null);
    assertThat(off.enabled()).isFalse();
    assertThat(off.document()).isEqualTo(on.document());
    var replaced = Policies.modified(off, null, "forbid(principal, action, resource);");
    assertThat(replaced.enabled()).isFalse();
    assertThat(replaced.document()).startsWith("forbid");
  }
}
