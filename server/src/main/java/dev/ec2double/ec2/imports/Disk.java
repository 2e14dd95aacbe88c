package dev.ec2double.ec2.imports;

/**
 * One disk of an import, as the request named it: an S3 object (bucket and key, or a URL) in a
 * format, or an EBS snapshot of the caller's. Its bytes are not read (there is no S3 here): its
 * size is the upload size the client gave, or AWS's smallest root volume.
 */
record Disk(
    String description,
    String deviceName,
    String format,
    String url,
    String bucket,
    String key,
    String snapshotId,
    int sizeGiB)
    implements java.io.Serializable {

  long bytes() {
    return sizeGiB * 1024L * 1024L * 1024L;
  }
}
