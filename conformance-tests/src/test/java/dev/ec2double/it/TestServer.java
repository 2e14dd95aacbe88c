package dev.ec2double.it;

import dev.ec2double.server.Ec2DoubleServer;
import dev.ec2double.server.ServerConfig;
import java.net.URI;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * One server on a random port for the whole test JVM (mock backend: these tests check the API, not
 * containers), and SDK clients pointed at it.
 */
public final class TestServer {
  private static Ec2DoubleServer server;

  private TestServer() {}

  public static synchronized Ec2DoubleServer get() {
    if (server == null) {
      server = new Ec2DoubleServer(ServerConfig.builder().port(0).backend("mock").build()).start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return server;
  }

  public static URI endpoint() {
    return get().endpoint();
  }

  public static Ec2Client ec2() {
    return ec2("us-east-1", "AKIDEXAMPLE");
  }

  public static Ec2Client ec2(String region, String accessKey) {
    return Clients.ec2Builder(endpoint(), region, accessKey, "secret").build();
  }
}
