package dev.ec2double.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layer rules of docs/architecture.md, checked on the compiled main classes of every module on
 * the test class path. Each rule is named as the page names it, and its failure message says why it
 * holds; when one fails, change the code, or change the page and the rule together.
 */
class LayerRulesTest {
  static final String ROOT = "dev.ec2double";

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void errorsIsTheBottomLayer() {
    only("errors", "errors")
        .because(
            "every layer throws AwsException; if errors imported anything of ours, that would be"
                + " a cycle through every package")
        .check(classes);
  }

  @Test
  void wireKnowsNoStateAndNoFeature() {
    only("wire", "wire", "errors")
        .because(
            "the wire layer is the protocol (decode, encode, sign, dispatch) and must read and test"
                + " on its own; what it needs of the state behind it, the server hands in as a"
                + " wire.ServiceHost")
        .check(classes);
  }

  @Test
  void onlyTheAssemblyUsesTheWire() {
    noClasses()
        .that()
        .resideOutsideOfPackages(ROOT + ".wire..", ROOT + ".server..", ROOT + ".docs..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".wire..")
        .as("only the assembly uses the wire")
        .because(
            "services answer typed SDK requests with typed responses and throw AwsException;"
                + " the protocol (parameters, XML, signatures) is the wire's alone, so that a"
                + " service reads like the API reference")
        .check(classes);
  }

  @Test
  void coreKnowsNoFeature() {
    only("core", "core", "errors")
        .because(
            "core is the kernel every feature stands on (state store, ids, tags, filters, pages);"
                + " if it named a feature, features would reach each other through it")
        .check(classes);
  }

  @Test
  void persistenceKnowsOnlyCore() {
    only("persist", "persist", "core", "errors")
        .because("saving and loading state is about core's StateStore, not about any feature")
        .check(classes);
  }

  @Test
  void computeApiKnowsNoFeatureAndNoEngine() {
    classes()
        .that()
        .resideInAPackage(ROOT + ".compute")
        .should()
        .onlyDependOnClassesThat(
            outsideOurs().or(resideInAny(ROOT + ".compute", ROOT + ".errors..")))
        .as("compute API knows no feature and no engine")
        .because(
            "the compute API (ComputeBackend and its value types) is the one boundary between the"
                + " EC2 services and the world; a second backend (a remote engine, Kubernetes) must"
                + " be an addition, so the API may not lean on the Docker backend or on a feature")
        .check(classes);
  }

  @Test
  void onlyTheDockerBackendKnowsDocker() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".compute.docker..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".compute.docker..")
        .as("only the Docker backend knows compute.docker")
        .because(
            "the Docker backend is one implementation of the compute API, found through"
                + " ServiceLoader; whatever else names it could not run on another backend")
        .check(classes);
  }

  @Test
  void dockerBackendSeesOnlyTheComputeApi() {
    only("compute.docker", "compute", "errors")
        .because(
            "the Docker backend implements the compute API and nothing else; if it used core,"
                + " persist or a feature, it could not live in its own module")
        .check(classes);
  }

  @Test
  void featuresDoNotUseTheAssembly() {
    noClasses()
        .that(Features.IN_A_FEATURE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ROOT + ".server..", ROOT + ".docs..")
        .as("features do not use the assembly")
        .because(
            "server wires the features together and docs reads them; a feature that reached up"
                + " into either would make a cycle through the whole server")
        .check(classes);
  }

  @Test
  void featuresAreFreeOfCycles() {
    slices()
        .assignedFrom(Features.SLICES)
        .should()
        .beFreeOfCycles()
        .as("features are free of cycles")
        .because(
            "features that need each other both ways cannot be read, tested or changed one at a"
                + " time; one of them should name an interface that the other implements (as"
                + " elbv2.Networks and elbv2.TargetInstances do)")
        .check(classes);
  }

  @Test
  void featuresMeetOnlyThroughNamedInterfaces() {
    classes()
        .that(Features.IN_A_FEATURE)
        .should(Features.USE_ONLY_NAMED_INTERFACES_OF_OTHERS)
        .as("features meet only through named interfaces")
        .because(
            "a feature's other classes are its own to change; what it offers other features is"
                + " listed in docs/architecture.md and in Features.INTERFACES")
        .check(classes);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices()
        .matching(ROOT + ".(**)")
        .should()
        .beFreeOfCycles()
        .as("packages are free of cycles")
        .because(
            "the layers of docs/architecture.md only point down; a cycle between two packages"
                + " means one of them is in the wrong layer or needs an interface")
        .check(classes);
  }

  /** Classes of {@code layer} depend on nothing of ours but the packages named. */
  private static ArchRule only(String layer, String... allowed) {
    String[] packages = new String[allowed.length];
    for (int i = 0; i < allowed.length; i++) {
      packages[i] = ROOT + "." + allowed[i] + "..";
    }
    return classes()
        .that()
        .resideInAPackage(ROOT + "." + layer + "..")
        .should()
        .onlyDependOnClassesThat(outsideOurs().or(resideInAny(packages)))
        .as(layer + " depends only on " + String.join(", ", allowed));
  }

  private static DescribedPredicate<JavaClass> outsideOurs() {
    return JavaClass.Predicates.resideOutsideOfPackage(ROOT + "..");
  }

  private static DescribedPredicate<JavaClass> resideInAny(String... packages) {
    return JavaClass.Predicates.resideInAnyPackage(packages);
  }
}
