package dev.ec2double.ec2.verifiedaccess;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointLoadBalancerOptions;

class AccessStoreTest {

  /** --state-dir saves the store with Java serialization: every record must come back whole. */
  @Test
  void theStoreSurvivesSerialization() throws Exception {
    AccessStore store = new AccessStore();
    var instance = new AccessStore.Instance("vai-0123456789abcdef0", "corp", true);
    instance.providers.add("vatp-0123456789abcdef0");
    instance.logs = LoggingService.DEFAULTS.toBuilder().logVersion("ocsf-1.0.0-rc.2").build();
    store.instances.put(instance.id, instance);
    var endpoint =
        new AccessStore.Endpoint(
            "vae-0123456789abcdef0", null, "load-balancer", "app.example.com", "arn", "app.edge");
    endpoint.loadBalancer =
        VerifiedAccessEndpointLoadBalancerOptions.builder()
            .loadBalancerArn("arn:lb")
            .port(443)
            .subnetIds("subnet-1")
            .build();
    endpoint.policy = new AccessStore.Policy(true, "permit(principal, action, resource);");
    store.endpoints.put(endpoint.id, endpoint);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(store);
    }
    AccessStore back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (AccessStore) in.readObject();
    }
    assertThat(back.instances.get(instance.id).providers).containsExactly("vatp-0123456789abcdef0");
    assertThat(back.instances.get(instance.id).logs.logVersion()).isEqualTo("ocsf-1.0.0-rc.2");
    AccessStore.Endpoint e = back.endpoints.get(endpoint.id);
    assertThat(e.loadBalancer.subnetIds()).containsExactly("subnet-1");
    assertThat(e.policy.document()).isEqualTo("permit(principal, action, resource);");
    assertThat(e.created).isEqualTo(endpoint.created);
  }
}
