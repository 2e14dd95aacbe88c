package dev.ec2double.server;

import java.util.Arrays;

/** {@code java -jar ec2-double.jar [--port N] [--host H] [--backend docker|mock|auto]}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    ServerConfig config;
    try {
      config = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("ec2-double: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
      return;
    }
    if (config == null) {
      System.out.println(usage());
      return;
    }
    Ec2DoubleServer server;
    try {
      server = new Ec2DoubleServer(config).start();
    } catch (RuntimeException e) {
      System.err.println("ec2-double: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ec2-double-shutdown"));
    java.util.OptionalLong age = ProcessAge.millis();
    System.out.println(
        "ec2-double ready on http://"
            + server.host()
            + ":"
            + server.port()
            + " (backend: "
            + server.backend().describe()
            + ")"
            + (age.isPresent() ? " in " + age.getAsLong() + " ms" : ""));
  }

  /** Returns null when help was asked for. */
  static ServerConfig parse(String[] args) {
    ServerConfig.Builder b = ServerConfig.builder();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        return null;
      }
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      String flag = name;
      Option option =
          Arrays.stream(Option.values())
              .filter(o -> o.flag().equals(flag))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("unknown option " + flag));
      boolean onOff = option.defaultValue().equals("true") || option.defaultValue().equals("false");
      if (value == null && onOff && (i + 1 >= args.length || args[i + 1].startsWith("--"))) {
        value = "true"; // a bare switch: --strict-auth
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        value = args[++i];
      }
      if (option == Option.AMI) {
        int sep = value.indexOf('=');
        if (sep < 0) {
          throw new IllegalArgumentException("--ami needs ami-ID=IMAGE, got '" + value + "'");
        }
        b.ami(value.substring(0, sep), value.substring(sep + 1));
      } else {
        b.set(option, value);
      }
    }
    return b.build();
  }

  static String usage() {
    StringBuilder s = new StringBuilder("Usage: java -jar ec2-double.jar [options]\n\nOptions:\n");
    for (Option o : Option.values()) {
      s.append(
          String.format(
              "  %-24s %s (default %s; property %s, env %s)%n",
              o.flag() + " VALUE", o.description(), o.defaultValue(), o.property(), o.env()));
    }
    s.append(String.format("  %-24s %s%n", "--help", "Print this help."));
    return s.toString();
  }
}
