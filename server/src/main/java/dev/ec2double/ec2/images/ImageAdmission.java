package dev.ec2double.ec2.images;

import dev.ec2double.core.RegionState;

/**
 * The account's Allowed AMIs settings, as DescribeImages and RunInstances ask them (answered by
 * {@code ec2.imagesettings}): whether an AMI meets the criteria, and whether the criteria are
 * enforced (state {@code enabled}) or only reported ({@code audit-mode}).
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-allowed-amis.html
 */
public interface ImageAdmission {
  /** Whether the AMI meets the criteria; the account's own AMIs always do, as on AWS. */
  boolean meets(RegionState state, ImageRecord image);

  /** Whether AMIs that do not meet the criteria are hidden and refused. */
  boolean enforced(RegionState state);

  /** Allowed AMIs disabled: every AMI meets, nothing is enforced. */
  ImageAdmission OPEN =
      new ImageAdmission() {
        @Override
        public boolean meets(RegionState state, ImageRecord image) {
          return true;
        }

        @Override
        public boolean enforced(RegionState state) {
          return false;
        }
      };
}
