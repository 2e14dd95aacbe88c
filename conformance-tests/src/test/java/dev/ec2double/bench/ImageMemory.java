package dev.ec2double.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The standalone image's resident memory: its JVM (the child of the image's init) idle after one
 * call, read from the host's /proc as for the jar.
 */
final class ImageMemory {
  private ImageMemory() {}

  /** VmRSS in KiB of the image's server, idle after one DescribeRegions. */
  static long idleAfterOneCall() throws Exception {
    String name = "ec2d-bench-rss-" + ProcessHandle.current().pid();
    Docker.cli("run", "-d", "--name", name, "-e", "EC2DOUBLE_BACKEND=mock", "ec2-double:latest");
    try {
      for (int i = 0; i < 100 && !Docker.cli("logs", name).contains("ready on"); i++) {
        Thread.sleep(100);
      }
      String ip =
          Docker.cli(
              "inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", name);
      Post.call("http://" + ip + ":4750/", "Action=DescribeRegions&Version=2016-11-15");
      Thread.sleep(2000);
      long init = Long.parseLong(Docker.cli("inspect", "-f", "{{.State.Pid}}", name));
      for (String child :
          Files.readString(
                  Path.of("/proc", Long.toString(init), "task", Long.toString(init), "children"))
              .trim()
              .split(" ")) {
        for (String line : Files.readAllLines(Path.of("/proc", child, "status"))) {
          if (line.startsWith("VmRSS:")) {
            return Long.parseLong(line.replaceAll("\\D", ""));
          }
        }
      }
      throw new IllegalStateException("no server process under the image's init");
    } finally {
      Docker.cli("rm", "-f", name);
    }
  }
}
