package dev.ec2double.compute.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.compute.MachineSpec.BootFile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class BootFilesTest {
  @Test
  void theTarForAStartHoldsEachFileAtItsPathWithItsMode() throws Exception {
    Map<String, BootFile> files = new LinkedHashMap<>();
    files.put(
        "/var/lib/ec2-double/resolv.conf.renewed",
        new BootFile("search ec2.internal\n".getBytes(StandardCharsets.UTF_8), 0644));
    files.put("/etc/x", new BootFile(new byte[0], 0700));

    try (TarArchiveInputStream in =
        new TarArchiveInputStream(new ByteArrayInputStream(BootFiles.tar(files)))) {
      TarArchiveEntry first = in.getNextEntry();
      assertThat(first.getName()).isEqualTo("var/lib/ec2-double/resolv.conf.renewed");
      assertThat(first.getMode() & 0777).isEqualTo(0644);
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("search ec2.internal\n");
      TarArchiveEntry second = in.getNextEntry();
      assertThat(second.getName()).isEqualTo("etc/x");
      assertThat(second.getMode() & 0777).isEqualTo(0700);
      assertThat(in.getNextEntry()).isNull();
    }
  }
}
