package dev.ec2double.ec2.instances;

import dev.ec2double.ec2.images.ImageRecord;
import dev.ec2double.ec2.vpc.InstanceNetworking;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * What a RunInstances call asks for, checked and resolved before anything is made: the image, how
 * many, the type, the key, the boot scripts, where the instances go, their tags, metadata options
 * and volumes.
 *
 * @param shutdownBehavior "stop" or "terminate"
 * @param publicKey the key pair's public key, or null without one
 * @param scripts the user data's boot scripts, or null without user data
 * @param cpuCredits a burstable instance's credit option, null for other types
 * @param hibernation HibernationOptions.Configured, checked against the type
 */
record LaunchPlan(
    ImageRecord image,
    int min,
    int max,
    TypeLimits type,
    String publicKey,
    UserData.Scripts scripts,
    String shutdownBehavior,
    InstanceNetworking.Placement placement,
    List<Tag> instanceTags,
    InstanceMetadataOptionsResponse metadata,
    InstanceStorage.Launch volumes,
    String cpuCredits,
    boolean hibernation) {}
