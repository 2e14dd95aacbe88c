package dev.ec2double.compute;

import dev.ec2double.compute.MachineSpec.BootFile;
import java.nio.charset.StandardCharsets;

/**
 * The instance's boot, what cloud-init does on EC2, as a POSIX sh script that runs on any image
 * with a shell (busybox, Debian, Ubuntu, Amazon Linux, Alpine). The engine's init is PID 1 and
 * hands signals to it, so a stop really SIGTERMs the instance.
 *
 * <p>Every boot: write /etc/resolv.conf from the DHCP options, install the key pair's public key,
 * run per-boot scripts. First boot only: run the user data, its output in
 * /var/log/cloud-init-output.log and on the console. Then run the image's own command if it is a
 * service (sshd in the Debian image), or stay up as a VM would.
 *
 * <p>The EC2 services put the script and its files ({@link #file()} at {@link #PATH}, the user
 * data, the keys) in the {@link MachineSpec}'s files; a backend writes the files into the machine
 * and runs {@link #PATH} with the image's command as its arguments, however its engine does that.
 */
public final class BootScript {
  public static final String PATH = "/.ec2-double/boot";
  public static final String STATE_DIR = "/var/lib/ec2-double";
  public static final String USER_DATA = STATE_DIR + "/user-data.sh";
  public static final String BOOTCMD = STATE_DIR + "/bootcmd.sh";
  public static final String AUTHORIZED_KEYS = "/etc/ec2-double/authorized_keys";

  /**
   * The resolver configuration the instance's DHCP options give it at launch, put in place of
   * {@code /etc/resolv.conf} first thing at every boot (as the DHCP client does on EC2).
   */
  public static final String RESOLV_CONF = STATE_DIR + "/resolv.conf";

  /**
   * The same, renewed at a later start (the launch's files are written again at every boot, so a
   * renewed one needs a path of its own); it wins over {@link #RESOLV_CONF} once there.
   */
  public static final String RESOLV_CONF_RENEWED = STATE_DIR + "/resolv.conf.renewed";

  private static final String SCRIPT =
      """
      #!/bin/sh
      # ec2-double instance boot (see docs): keys, per-boot scripts, first-boot user data.
      state=%1$s
      for f in "$state/resolv.conf.renewed" "$state/resolv.conf"; do
        [ -f "$f" ] && cat "$f" > /etc/resolv.conf 2>/dev/null && break
      done
      log=/var/log/cloud-init-output.log
      mkdir -p "$state" /var/log /var/lib/cloud/scripts/per-boot 2>/dev/null
      touch "$log"
      echo "ec2-double: booting $(cat $state/instance-id 2>/dev/null) as $(hostname)"
      if [ -s %2$s ]; then
        for home in /root /home/*; do
          [ -d "$home" ] || continue
          mkdir -p "$home/.ssh" && cat %2$s > "$home/.ssh/authorized_keys"
          chmod 700 "$home/.ssh"; chmod 600 "$home/.ssh/authorized_keys"
          owner=$(stat -c %%u:%%g "$home" 2>/dev/null) && chown -R "$owner" "$home/.ssh" 2>/dev/null
        done
      fi
      run_logged() {
        start=$(wc -c < "$log")
        "$@" >> "$log" 2>&1 < /dev/null
        rc=$?
        tail -c +$((start + 1)) "$log"
        [ $rc -eq 0 ] || echo "ec2-double: $1 exited with status $rc" | tee -a "$log"
      }
      [ -x %3$s ] && run_logged %3$s
      # once per instance, as cloud-init's per-instance: an image made by CreateImage keeps the
      # marker, and the new instance has another id
      id=$(cat "$state/instance-id" 2>/dev/null)
      if [ -x %4$s ] && [ "$(cat "$state/user-data.done" 2>/dev/null)" != "$id" ]; then
        echo "$id" > "$state/user-data.done"
        echo "ec2-double: running user data (first boot)"
        run_logged %4$s
        echo "ec2-double: user data finished"
      fi
      for s in /var/lib/cloud/scripts/per-boot/*; do
        [ -f "$s" ] && [ -x "$s" ] && run_logged "$s"
      done
      echo "ec2-double: boot finished"
      case "$(basename "${1:-sh}")" in
        sh|bash|ash|dash|zsh) ;;
        *) exec "$@" ;;
      esac
      trap 'echo "ec2-double: shutting down"; exit 0' TERM INT USR1 USR2
      while :; do sleep 3600 & wait $!; done
      """;

  private BootScript() {}

  /** The boot script itself, to be placed at {@link #PATH}. */
  public static BootFile file() {
    String text = String.format(SCRIPT, STATE_DIR, AUTHORIZED_KEYS, BOOTCMD, USER_DATA);
    return new BootFile(text.getBytes(StandardCharsets.UTF_8), 0755);
  }
}
