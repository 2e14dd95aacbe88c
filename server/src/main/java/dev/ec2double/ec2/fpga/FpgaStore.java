package dev.ec2double.ec2.fpga;

import dev.ec2double.core.RegionState;
import java.util.LinkedHashMap;
import java.util.Map;

/** The AFIs of one account in one region. */
final class FpgaStore implements java.io.Serializable {
  final Map<String, FpgaImageRecord> images = new LinkedHashMap<>();

  static FpgaStore of(RegionState state) {
    return state.part(FpgaStore.class, FpgaStore::new);
  }
}
