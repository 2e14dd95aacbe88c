package dev.ec2double.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.KeyFormat;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.KeyType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Key pairs through the SDK, with the keys checked by ssh-keygen, openssl and puttygen. */
class KeyPairsIT {
  private static Ec2Client ec2;
  @TempDir Path dir;
  private String name;

  @BeforeAll
  static void client() {
    ec2 = TestServer.ec2();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  @BeforeEach
  void name(TestInfo test) {
    name = "KeyPairsIT-" + test.getTestMethod().orElseThrow().getName();
  }

  @Test
  void createsAnRsaKeyPairWhosePemOpenSshAndOpenSslRead() {
    Instant before = Instant.now().minusSeconds(1);

    CreateKeyPairResponse created = ec2.createKeyPair(r -> r.keyName(name));

    assertThat(created.keyName()).isEqualTo(name);
    assertThat(created.keyPairId()).matches("key-[0-9a-f]{17}");
    assertThat(created.keyMaterial())
        .startsWith("-----BEGIN RSA PRIVATE KEY-----\n")
        .endsWith("\n-----END RSA PRIVATE KEY-----");
    Path pem = Tools.privateKey(dir, "key.pem", created.keyMaterial());
    assertThat(Tools.sh(dir, "ssh-keygen -y -f key.pem")).startsWith("ssh-rsa ");
    assertThat(created.keyFingerprint())
        .isEqualTo(
            Tools.sh(
                dir,
                "openssl pkcs8 -in key.pem -inform PEM -outform DER -topk8 -nocrypt"
                    + " | openssl sha1 -c | awk '{print $2}'"));
    assertThat(Tools.sh(dir, "openssl rsa -in key.pem -noout -text | head -1"))
        .contains("2048 bit");
    KeyPairInfo described = describeWithPublicKey(name);
    assertThat(Tools.keyOnly(described.publicKey()))
        .isEqualTo(Tools.keyOnly(Tools.sh(dir, "ssh-keygen -y -f " + pem)));
    assertThat(described.keyType()).isEqualTo(KeyType.RSA);
    assertThat(described.keyFingerprint()).isEqualTo(created.keyFingerprint());
    assertThat(described.createTime()).isBetween(before, Instant.now().plusSeconds(1));
  }

  @Test
  void createsAnEd25519KeyPairInOpenSshFormat() {
    CreateKeyPairResponse created =
        ec2.createKeyPair(r -> r.keyName(name).keyType(KeyType.ED25519));

    assertThat(created.keyMaterial())
        .startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n")
        .endsWith("\n-----END OPENSSH PRIVATE KEY-----");
    Tools.privateKey(dir, "key", created.keyMaterial());
    String sshKeygen = Tools.sh(dir, "ssh-keygen -y -f key");
    assertThat(Tools.keyOnly(describeWithPublicKey(name).publicKey()))
        .isEqualTo(Tools.keyOnly(sshKeygen))
        .startsWith("ssh-ed25519 ");
    String sha256 = Tools.sh(dir, "ssh-keygen -l -f key | awk '{print $2}'");
    assertThat(created.keyFingerprint()).isEqualTo(sha256.substring("SHA256:".length()) + "=");
  }

  @Test
  void createsPpkKeysPuttygenReads() throws Exception {
    assumeThat(Tools.has("puttygen")).as("puttygen is installed").isTrue();
    for (KeyType type : new KeyType[] {KeyType.RSA, KeyType.ED25519}) {
      String keyName = name + "-" + type;
      CreateKeyPairResponse created =
          ec2.createKeyPair(r -> r.keyName(keyName).keyType(type).keyFormat(KeyFormat.PPK));

      assertThat(created.keyMaterial()).startsWith("PuTTY-User-Key-File-2: ssh-");
      Files.writeString(dir.resolve("key.ppk"), created.keyMaterial());
      // converting the private key makes puttygen check the Private-MAC ("MAC failed")
      Tools.sh(dir, "rm -f out && puttygen key.ppk -O private-openssh -o out");
      String pub = Tools.sh(dir, "ssh-keygen -y -f out");
      assertThat(Tools.keyOnly(pub))
          .isEqualTo(Tools.keyOnly(describeWithPublicKey(keyName).publicKey()));
    }
  }

  @Test
  void importsOpenSshKeysWithTheFingerprintsEc2Gives() {
    Tools.sh(dir, "ssh-keygen -q -t rsa -b 2048 -N '' -C me -f rsa");
    Tools.sh(dir, "ssh-keygen -q -t ed25519 -N '' -C me -f ed");

    var rsa = ec2.importKeyPair(r -> r.keyName(name + "-rsa").publicKeyMaterial(file("rsa.pub")));
    var ed = ec2.importKeyPair(r -> r.keyName(name + "-ed").publicKeyMaterial(file("ed.pub")));

    assertThat(rsa.keyPairId()).matches("key-[0-9a-f]{17}");
    assertThat(rsa.keyFingerprint())
        .isEqualTo(
            Tools.sh(
                dir,
                "ssh-keygen -e -f rsa.pub -m PEM | openssl rsa -RSAPublicKey_in -outform DER"
                    + " 2>/dev/null | openssl md5 -c | awk '{print $2}'"));
    assertThat(ed.keyFingerprint())
        .isEqualTo(Tools.sh(dir, "ssh-keygen -l -f ed.pub | awk '{print $2}'").substring(7) + "=");
    assertThat(describeWithPublicKey(name + "-rsa").publicKey())
        .startsWith(Tools.keyOnly(Tools.sh(dir, "cat rsa.pub")));
    assertThat(describeWithPublicKey(name + "-ed").keyType()).isEqualTo(KeyType.ED25519);
  }

  @Test
  void importsRfc4716AndDerPublicKeysOfEverySizeEc2Takes() {
    for (int bits : new int[] {1024, 3072, 4096}) {
      Tools.sh(dir, "ssh-keygen -q -t rsa -b " + bits + " -N '' -f k" + bits);
      Tools.sh(dir, "ssh-keygen -e -f k" + bits + ".pub > k" + bits + ".ssh2");
      var imported =
          ec2.importKeyPair(
              r -> r.keyName(name + "-" + bits).publicKeyMaterial(file("k" + bits + ".ssh2")));

      assertThat(describeWithPublicKey(name + "-" + bits).publicKey())
          .startsWith(Tools.keyOnly(Tools.sh(dir, "cat k" + bits + ".pub")));
      assertThat(imported.keyFingerprint()).hasSize(47);
    }
    Tools.sh(
        dir,
        "ssh-keygen -e -m PKCS8 -f k1024.pub | openssl pkey -pubin -outform DER | base64 -w0 > k.der64");

    ec2.importKeyPair(r -> r.keyName(name + "-der").publicKeyMaterial(file("k.der64")));

    assertThat(describeWithPublicKey(name + "-der").publicKey())
        .startsWith(Tools.keyOnly(Tools.sh(dir, "cat k1024.pub")));
  }

  @Test
  void refusesPublicKeyMaterialThatIsNotAKey() {
    Tools.sh(dir, "ssh-keygen -q -t ecdsa -N '' -f ec");

    for (SdkBytes bad :
        new SdkBytes[] {
          SdkBytes.fromUtf8String("not a key"),
          file("ec.pub"),
          SdkBytes.fromUtf8String("ssh-rsa AAAA")
        }) {
      assertAwsError(
          () -> ec2.importKeyPair(r -> r.keyName(name).publicKeyMaterial(bad)),
          "InvalidKey.Format",
          "Key is not in valid OpenSSH public key format");
    }
  }

  @Test
  void refusesADuplicateName() {
    ec2.createKeyPair(r -> r.keyName(name));
    Tools.sh(dir, "ssh-keygen -q -t ed25519 -N '' -f ed");

    assertAwsError(
        () -> ec2.createKeyPair(r -> r.keyName(name)),
        "InvalidKeyPair.Duplicate",
        "The keypair '" + name + "' already exists.");
    assertAwsError(
        () -> ec2.importKeyPair(r -> r.keyName(name).publicKeyMaterial(file("ed.pub"))),
        "InvalidKeyPair.Duplicate",
        "The keypair '" + name + "' already exists.");
  }

  @Test
  void acceptsNamesOfUpTo255AsciiCharacters() {
    String longest = (name + "-" + "x".repeat(255)).substring(0, 255);

    assertThat(ec2.createKeyPair(r -> r.keyName(longest)).keyName()).isEqualTo(longest);
    assertAwsError(
        () -> ec2.createKeyPair(r -> r.keyName(longest + "y")), "InvalidParameterValue", null);
    assertAwsError(
        () -> ec2.createKeyPair(r -> r.keyName(name + "-é")), "InvalidParameterValue", null);
    assertAwsError(() -> ec2.createKeyPair(r -> r.keyName("")), "MissingParameter", null);
    assertAwsError(
        () -> ec2.createKeyPair(r -> r.keyName(name).keyType("dsa")),
        "InvalidParameterValue",
        null);
  }

  @Test
  void describesByNameAndByIdAndNamesWhatIsMissing() {
    String a = ec2.createKeyPair(r -> r.keyName(name + "-a")).keyPairId();
    ec2.createKeyPair(r -> r.keyName(name + "-b").keyType(KeyType.ED25519));

    assertThat(ec2.describeKeyPairs(r -> r.keyNames(name + "-b")).keyPairs())
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.keyType()).isEqualTo(KeyType.ED25519);
              assertThat(k.publicKey()).isNull();
              assertThat(k.tags()).isEmpty();
            });
    assertThat(ec2.describeKeyPairs(r -> r.keyPairIds(a)).keyPairs())
        .extracting(KeyPairInfo::keyName)
        .containsExactly(name + "-a");
    assertAwsError(
        () -> ec2.describeKeyPairs(r -> r.keyNames(name + "-a", name + "-zz")),
        "InvalidKeyPair.NotFound",
        "The key pair '" + name + "-zz' does not exist");
    assertAwsError(
        () -> ec2.describeKeyPairs(r -> r.keyPairIds("key-0123456789abcdef0")),
        "InvalidKeyPair.NotFound",
        null);
  }

  @Test
  void filtersByEveryFilterEc2Lists() {
    TagSpecification team =
        TagSpecification.builder()
            .resourceType(ResourceType.KEY_PAIR)
            .tags(Tag.builder().key(name).value("blue").build())
            .build();
    CreateKeyPairResponse rsa =
        ec2.createKeyPair(r -> r.keyName(name + "-rsa").tagSpecifications(team));
    CreateKeyPairResponse ed =
        ec2.createKeyPair(r -> r.keyName(name + "-ed").keyType(KeyType.ED25519));
    Filter mine = filter("key-name", name + "-*");

    assertThat(names(mine)).containsExactly(name + "-ed", name + "-rsa");
    assertThat(names(mine, filter("key-type", "ed25519"))).containsExactly(name + "-ed");
    assertThat(names(filter("key-pair-id", rsa.keyPairId()))).containsExactly(name + "-rsa");
    assertThat(names(filter("fingerprint", ed.keyFingerprint()))).containsExactly(name + "-ed");
    assertThat(names(filter("tag:" + name, "bl*"))).containsExactly(name + "-rsa");
    assertThat(names(filter("tag-key", name))).containsExactly(name + "-rsa");
    assertThat(names(mine, filter("tag-value", "blue"))).containsExactly(name + "-rsa");
    assertThat(names(filter("key-name", name + "-rsa", name + "-ed")))
        .containsExactly(name + "-ed", name + "-rsa");
    assertThat(names(filter("key-name", name + "-none"))).isEmpty();
    assertAwsError(() -> names(filter("colour", "red")), "InvalidParameterValue", null);
    assertThat(rsa.tags()).extracting(Tag::value).containsExactly("blue");
  }

  @Test
  void refusesTagSpecificationsForAnotherResourceType() {
    assertAwsError(
        () ->
            ec2.createKeyPair(
                r ->
                    r.keyName(name)
                        .tagSpecifications(
                            TagSpecification.builder()
                                .resourceType(ResourceType.INSTANCE)
                                .tags(Tag.builder().key("k").value("v").build())
                                .build())),
        "InvalidParameterValue",
        null);
    assertThat(names(filter("key-name", name))).isEmpty();
  }

  @Test
  void deletesByNameOrIdAndSucceedsForAKeyThatIsNotThere() {
    String a = ec2.createKeyPair(r -> r.keyName(name + "-a")).keyPairId();
    String b = ec2.createKeyPair(r -> r.keyName(name + "-b")).keyPairId();

    var byName = ec2.deleteKeyPair(r -> r.keyName(name + "-a"));
    var byId = ec2.deleteKeyPair(r -> r.keyPairId(b));
    var again = ec2.deleteKeyPair(r -> r.keyName(name + "-a"));

    assertThat(byName.returnValue()).isTrue();
    assertThat(byName.keyPairId()).isEqualTo(a);
    assertThat(byId.keyPairId()).isEqualTo(b);
    assertThat(again.returnValue()).isTrue();
    assertThat(names(filter("key-name", name + "-*"))).isEmpty();
    assertAwsError(() -> ec2.deleteKeyPair(r -> r.dryRun(false)), "MissingParameter", null);
    // the name is free again
    assertThat(ec2.createKeyPair(r -> r.keyName(name + "-a")).keyPairId()).isNotEqualTo(a);
  }

  @Test
  void answersDryRunWithoutCreatingAnything() {
    assertAwsError(
        () -> ec2.createKeyPair(r -> r.keyName(name).dryRun(true)), "DryRunOperation", null);
    assertThat(names(filter("key-name", name))).isEmpty();
  }

  @Test
  void createsRsaKeysQuickly() {
    Instant start = Instant.now();

    for (int i = 0; i < 5; i++) {
      String keyName = name + "-" + i;
      ec2.createKeyPair(r -> r.keyName(keyName));
    }

    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
  }

  private KeyPairInfo describeWithPublicKey(String keyName) {
    return ec2.describeKeyPairs(r -> r.keyNames(keyName).includePublicKey(true)).keyPairs().get(0);
  }

  private static java.util.List<String> names(Filter... filters) {
    return ec2.describeKeyPairs(r -> r.filters(filters)).keyPairs().stream()
        .map(KeyPairInfo::keyName)
        .toList();
  }

  static Filter filter(String filterName, String... values) {
    return Filter.builder().name(filterName).values(values).build();
  }

  private SdkBytes file(String fileName) {
    try {
      return SdkBytes.fromByteArray(Files.readAllBytes(dir.resolve(fileName)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void assertAwsError(ThrowingCallable call, String code, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            Ec2Exception.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
              if (message != null) {
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
              }
            });
  }
}
