package dev.ec2double.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ec2double.compute.MockBackend;
import dev.ec2double.server.Services;
import dev.ec2double.wire.Operation;
import dev.ec2double.wire.Protocol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

class PageLimitsTest {
  @Test
  void everyImplementedEc2ActionThatTakesMaxResultsIsInTheTable() throws Exception {
    List<String> missing = new ArrayList<>();
    for (var e : Services.registry(new MockBackend()).implemented(Protocol.EC2).entrySet()) {
      Operation op = e.getValue();
      SdkPojo empty = (SdkPojo) op.requestType().getMethod("builder").invoke(null);
      boolean takesMaxResults =
          empty.sdkFields().stream().map(SdkField::locationName).anyMatch("MaxResults"::equals);
      // ClassicLink answers UnsupportedOperation before anything is paged
      boolean pages = !op.serviceMethod().startsWith("ClassicLinkService.");
      if (takesMaxResults && pages && PageLimits.of(e.getKey()) == null) {
        missing.add(e.getKey());
      }
    }
    assertThat(missing).as("actions taking MaxResults that PageLimits says nothing of").isEmpty();
  }
}
