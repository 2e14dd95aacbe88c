package dev.ec2double.it;

import com.github.dockerjava.api.DockerClient;
import dev.ec2double.compute.docker.DockerBackend;
import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.ServerConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * One server on the docker backend for the test JVM, with AMIs for the local stand-in images that
 * {@code ../shared/ci/base-images.sh} builds. It fails (never skips) when no engine answers.
 */
public final class DockerTestServer {
  public static final String BUSYBOX_AMI = "ami-0b0b0b0b0b0b0b0b0";
  public static final String DEBIAN_AMI = "ami-0de12de12de12de12";
  private static Ec2DoubleServer server;

  private DockerTestServer() {}

  public static synchronized Ec2DoubleServer get() {
    if (server == null) {
      server =
          new Ec2DoubleServer(
                  ServerConfig.builder()
                      .port(0)
                      .backend("docker")
                      .ami(BUSYBOX_AMI, "ec2-double/busybox:latest")
                      .ami(DEBIAN_AMI, "ec2-double/debian:12")
                      .build())
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return server;
  }

  public static DockerClient docker() {
    return ((DockerBackend) get().backend()).client();
  }

  public static Ec2Client ec2() {
    return Ec2Client.builder()
        .endpointOverride(get().endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDDOCKER", "secret")))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }
}
