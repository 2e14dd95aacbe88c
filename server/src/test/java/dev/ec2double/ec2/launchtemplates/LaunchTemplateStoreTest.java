package dev.ec2double.ec2.launchtemplates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateTagSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.Tag;

class LaunchTemplateStoreTest {
  @Test
  void savesTemplatesWithTheirVersionsData() throws Exception {
    LaunchTemplateStore store = new LaunchTemplateStore();
    var t = new LaunchTemplateStore.Template("lt-0123456789abcdef0", "web", Instant.now());
    t.add(
        "first",
        RequestLaunchTemplateData.builder()
            .imageId("ami-0123456789abcdef0")
            .securityGroupIds("sg-0000000000000000a")
            .tagSpecifications(
                LaunchTemplateTagSpecificationRequest.builder()
                    .resourceType("instance")
                    .tags(Tag.builder().key("Team").value("web").build())
                    .build())
            .build());
    t.add("second", RequestLaunchTemplateData.builder().instanceType("t3.micro").build());
    t.defaultVersion = 2;
    store.byId.put(t.id, t);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(store);
    }
    LaunchTemplateStore back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (LaunchTemplateStore) in.readObject();
    }

    var restored = back.byName("web").orElseThrow();
    assertThat(restored.defaultVersion).isEqualTo(2);
    assertThat(restored.latest()).isEqualTo(2);
    assertThat(restored.versions.get(1L).data()).isEqualTo(t.versions.get(1L).data());
    assertThat(restored.versions.get(1L).data().tagSpecifications().get(0).tags())
        .containsExactly(Tag.builder().key("Team").value("web").build());
    // numbering goes on where it stopped
    assertThat(restored.add("third", RequestLaunchTemplateData.builder().build()).number())
        .isEqualTo(3);
  }
}
