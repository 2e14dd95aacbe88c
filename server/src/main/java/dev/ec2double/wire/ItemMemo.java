package dev.ec2double.wire;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The XML of large list items (an Instance is some 3 KB of it), kept while an equal item comes to
 * be encoded again: a DescribeInstances of 50 unchanged instances then copies 50 byte arrays
 * instead of walking some 5000 members. Keyed by content: SDK objects are immutable and their
 * {@code equals} compares every member, and whether a list was set at all, which is all the
 * encoding depends on, so an equal item encodes to the same text. One entry per key (the encoder
 * keys an item by its scalars, so a resource's new version replaces its old one); bounded, emptied
 * when full.
 */
final class ItemMemo {
  /** Smaller shapes encode about as fast as they hash and compare. */
  static final int MIN_MEMBERS = 24;

  private static final int MAX_ENTRIES = 2048;

  private record Entry(Object item, String name, byte[] xml) {}

  private static final ConcurrentHashMap<Integer, Entry> ENTRIES = new ConcurrentHashMap<>();

  private ItemMemo() {}

  /**
   * The XML of an item equal to this one under the same element name, or null.
   *
   * @param key a hash of the item and name that equal items share
   */
  static byte[] get(int key, Object item, String name) {
    Entry e = ENTRIES.get(key);
    return e != null && e.name().equals(name) && e.item().equals(item) ? e.xml() : null;
  }

  static void put(int key, Object item, String name, byte[] xml) {
    if (ENTRIES.size() >= MAX_ENTRIES) {
      ENTRIES.clear();
    }
    ENTRIES.put(key, new Entry(item, name, xml));
  }
}
