package dev.ec2double.compute;

/** What the engine knows of an image: its id, CPU architecture (AWS names) and creation time. */
public record ImageInfo(String id, String architecture, java.time.Instant created) {}
