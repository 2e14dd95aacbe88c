package dev.ec2double.it.launchtemplates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.ec2double.it.DockerTestServer;
import dev.ec2double.it.instances.Exec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/**
 * An instance launched from a launch template is a real container running the template's user data.
 */
class DockerLaunchTemplateIT {
  private static Ec2Client ec2;
  private static DockerClient docker;

  @BeforeAll
  static void client() {
    ec2 = DockerTestServer.ec2();
    docker = DockerTestServer.docker();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  private static String console(String id) {
    String out = ec2.getConsoleOutput(r -> r.instanceId(id).latest(true)).output();
    return out == null ? "" : new String(Base64.getDecoder().decode(out), StandardCharsets.UTF_8);
  }

  @Test
  void runsTheTemplatesUserDataOnTheTemplatesImageAndType(TestInfo test) {
    String name = "lt-docker-" + test.getTestMethod().orElseThrow().getName();
    String script =
        "#!/bin/sh\n"
            + "echo launched-from-template-on-$(hostname)\n"
            + "echo template-user-data > /root/from-template\n";
    String ltId =
        ec2.createLaunchTemplate(
                r ->
                    r.launchTemplateName(name)
                        .launchTemplateData(
                            d ->
                                d.imageId(DockerTestServer.BUSYBOX_AMI)
                                    .instanceType("t3.nano")
                                    .userData(
                                        Base64.getEncoder()
                                            .encodeToString(
                                                script.getBytes(StandardCharsets.UTF_8)))
                                    .tagSpecifications(
                                        t ->
                                            t.resourceType(ResourceType.INSTANCE)
                                                .tags(
                                                    Tag.builder()
                                                        .key("Name")
                                                        .value(name)
                                                        .build()))))
            .launchTemplate()
            .launchTemplateId();
    String id = null;
    try (Ec2Waiter waiter =
        Ec2Waiter.builder()
            .client(ec2)
            .overrideConfiguration(
                WaiterOverrideConfiguration.builder().waitTimeout(Duration.ofSeconds(60)).build())
            .build()) {
      String launched =
          ec2.runInstances(
                  r -> r.minCount(1).maxCount(1).launchTemplate(t -> t.launchTemplateId(ltId)))
              .instances()
              .get(0)
              .instanceId();
      id = launched;
      waiter.waitUntilInstanceRunning(r -> r.instanceIds(launched));

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(console(launched))
                      .contains("launched-from-template-on-ip-")
                      .contains("user data finished"));
      assertThat(Exec.run(docker, "ec2double-" + launched, "cat", "/root/from-template"))
          .isEqualTo("template-user-data\n");
      var container = docker.inspectContainerCmd("ec2double-" + launched).exec();
      assertThat(container.getConfig().getImage()).isEqualTo("ec2-double/busybox:latest");
      // t3.nano: 0.5 GiB
      assertThat(container.getHostConfig().getMemory()).isEqualTo(512L * 1024 * 1024);
      assertThat(container.getConfig().getLabels())
          .containsEntry("dev.ec2double.resource", launched);
    } finally {
      if (id != null) {
        String done = id;
        ec2.terminateInstances(r -> r.instanceIds(done));
      }
      ec2.deleteLaunchTemplate(r -> r.launchTemplateId(ltId));
    }
  }
}
