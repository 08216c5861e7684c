package dev.fanout;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.annotation.Transactional;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Fanout's layering, checked on the compiled main classes so that it cannot rot silently: dependencies run one way,
 * from the command line and the web through the launch, history, schedule, recovery and remote services to the batch
 * toolkit and the core; jobs depend only on the toolkit and the core, and nothing depends on a job.
 */
class ArchitectureTests {

	private static JavaClasses classes;

	@BeforeAll
	static void importMainClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption(ArchitectureTests::writtenByHand)
			.importPackages("dev.fanout");
	}

	/**
	 * Not the classes that the build generates from the application's (Spring AOT: {@code X__BeanDefinitions},
	 * {@code FanoutApplication__BeanFactoryRegistrations}, which registers every bean, and configuration classes'
	 * {@code $$SpringCGLIB$$} subclasses): they mirror the layering of the classes they come from.
	 */
	private static boolean writtenByHand(Location location) {
		return !location.contains("__") && !location.contains("$$SpringCGLIB$$");
	}

	@Test
	void dependenciesRunOneWayFromTheSurfacesToTheCore() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("Application").definedBy("dev.fanout")
			.layer("Command line").definedBy("dev.fanout.cli..")
			.layer("Web").definedBy("dev.fanout.web..")
			.layer("Services").definedBy("dev.fanout.launch..", "dev.fanout.history..", "dev.fanout.schedule..",
					"dev.fanout.recovery..", "dev.fanout.metrics..", "dev.fanout.remote..")
			.layer("Repository").definedBy("dev.fanout.repository..")
			.layer("Jobs").definedBy("dev.fanout.jobs..")
			.layer("Batch toolkit").definedBy("dev.fanout.batch..")
			.layer("Core").definedBy("dev.fanout.core..")
			.whereLayer("Application").mayNotBeAccessedByAnyLayer()
			.whereLayer("Command line").mayOnlyBeAccessedByLayers("Application")
			.whereLayer("Web").mayOnlyBeAccessedByLayers("Command line")
			.whereLayer("Services").mayOnlyBeAccessedByLayers("Command line", "Web")
			.whereLayer("Repository").mayOnlyBeAccessedByLayers("Application", "Command line", "Services")
			.whereLayer("Jobs").mayNotBeAccessedByAnyLayer()
			.whereLayer("Batch toolkit").mayOnlyBeAccessedByLayers("Command line", "Web", "Services", "Jobs")
			.check(classes);
	}

	@Test
	void coreImportsNoOtherFanoutPackage() {
		noClasses().that().resideInAPackage("dev.fanout.core..")
			.should().dependOnClassesThat(resideInAPackage("dev.fanout..").and(not(resideInAPackage("dev.fanout.core.."))))
			.check(classes);
	}

	@Test
	void topLevelPackagesHaveNoDependencyCycles() {
		slices().matching("dev.fanout.(*)..").should().beFreeOfCycles().check(classes);
	}

	/**
	 * A job's domain lives in Spring-free subpackages ({@code jobs.factorize.numbers}, {@code jobs.images.codec}...);
	 * its configuration, steps and benchmark ({@code bench}) are the only parts that know Spring.
	 */
	@Test
	void jobDomainSubpackagesAreSpringFree() {
		noClasses().that().resideInAPackage("dev.fanout.jobs.*.*..").and().resideOutsideOfPackage("..bench..")
			.should().dependOnClassesThat(resideInAPackage("org.springframework.."))
			.check(classes);
	}

	/** The domain does not reach back into the wiring on top of it: dependencies run from the job down. */
	@Test
	void jobDomainSubpackagesDoNotDependOnTheirJobsTopPackage() {
		noClasses().that().resideInAPackage("dev.fanout.jobs.*.*..").and().resideOutsideOfPackage("..bench..")
			.should().dependOnClassesThat(resideInAPackage("dev.fanout.jobs.*"))
			.check(classes);
	}

	@Test
	void jobsDoNotKnowEachOther() {
		slices().matching("dev.fanout.jobs.(*)..").should().notDependOnEachOther().check(classes);
	}

	/**
	 * The application excludes Boot's annotation-driven transactions (application.yml), so a {@code @Transactional}
	 * would silently run without a transaction: transactions are Spring Batch's, or a {@code TransactionTemplate}.
	 */
	@Test
	void nothingReliesOnAnnotationDrivenTransactions() {
		noClasses().should().dependOnClassesThat().haveFullyQualifiedName(Transactional.class.getName())
			.orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.transaction.Transactional")
			.check(classes);
	}

}
