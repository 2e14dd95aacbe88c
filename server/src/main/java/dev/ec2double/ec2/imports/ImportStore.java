package dev.ec2double.ec2.imports;

import dev.ec2double.core.RegionState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The VM Import/Export and AMI store tasks of one account in one region; its lock guards them all.
 */
final class ImportStore implements java.io.Serializable {
  final Map<String, ImageImport> images = new LinkedHashMap<>();
  final Map<String, SnapshotImport> snapshots = new LinkedHashMap<>();
  final Map<String, Conversion> conversions = new LinkedHashMap<>();
  final Map<String, InstanceExport> instanceExports = new LinkedHashMap<>();
  final Map<String, ImageExport> imageExports = new LinkedHashMap<>();
  final List<StoreTask> stores = new ArrayList<>();

  /** AMIs made by ImportImage here: instances launched from them may be exported. */
  final Set<String> importedImages = new HashSet<>();

  static ImportStore of(RegionState state) {
    return state.part(ImportStore.class, ImportStore::new);
  }

  /** Every task of the store, for the finisher. */
  List<Task> all() {
    List<Task> out = new ArrayList<>();
    out.addAll(images.values());
    out.addAll(snapshots.values());
    out.addAll(conversions.values());
    out.addAll(instanceExports.values());
    out.addAll(imageExports.values());
    out.addAll(stores);
    return out;
  }
}
