package dev.ec2double.ec2.policyreports;

import dev.ec2double.core.RequestContext;
import java.util.Map;

/**
 * The seam to the account settings declarative policies govern: the assembly answers it from the
 * services that own them (snapshot and image block public access, instance metadata defaults, VPC
 * Block Public Access, serial console access), so this feature imports none of them.
 */
public interface PolicySettings {
  /**
   * The account's values in the context's Region, by attribute name as the report names them
   * ({@code serial_console_access} to {@code disabled}), in a stable order.
   */
  Map<String, String> read(RequestContext ctx);
}
