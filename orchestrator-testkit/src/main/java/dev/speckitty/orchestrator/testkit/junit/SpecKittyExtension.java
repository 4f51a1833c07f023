package dev.speckitty.orchestrator.testkit.junit;

import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.testkit.host.HostProfile;
import dev.speckitty.orchestrator.testkit.host.SimulatedHost;
import dev.speckitty.orchestrator.testkit.mission.DagShape;
import dev.speckitty.orchestrator.testkit.mission.GeneratedMission;
import dev.speckitty.orchestrator.testkit.mission.MissionGenerator;
import dev.speckitty.orchestrator.testkit.project.TestProject;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a fresh temporary git project with a generated mission, an in-process simulated host for it and an
 * {@link OrchestratorClient} talking to that host. Test methods (and {@code @BeforeEach} methods) receive them as
 * parameters of type {@link TestProject}, {@link GeneratedMission}, {@link SimulatedHost} and
 * {@link OrchestratorClient}. Everything is closed and deleted after the test.
 *
 * <pre>{@code
 * class MyOrchestratorTest {
 *     @RegisterExtension
 *     static final SpecKittyExtension KIT = SpecKittyExtension.builder()
 *             .mission(MissionGenerator.builder().slug("checkout").workPackages(6).shape(DagShape.diamond()).build())
 *             .build();
 *
 *     @Test
 *     void claimsTheFirstWorkPackage(OrchestratorClient client, GeneratedMission mission) {
 *         assertThat(client.listReady(mission.directoryName()).readyWorkPackages()).isNotEmpty();
 *     }
 * }
 * }</pre>
 *
 * <p>With {@code @ExtendWith(SpecKittyExtension.class)} the defaults apply: a 4-WP diamond mission and a contract
 * 1.3.0 host. Thread-safe for parallel test execution: state lives in each test's extension store.
 */
public final class SpecKittyExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SpecKittyExtension.class);

    private final MissionGenerator mission;
    private final HostProfile profile;
    private final boolean keepProject;

    /** Creates the extension with the defaults (used by {@code @ExtendWith}). */
    public SpecKittyExtension() {
        this(builder());
    }

    private SpecKittyExtension(Builder b) {
        this.mission = b.mission;
        this.profile = b.profile;
        this.keepProject = b.keepProject;
    }

    /**
     * Creates a builder.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Fixture fixture = Fixture.create(mission, profile, keepProject);
        context.getStore(NAMESPACE).put(Fixture.class, fixture);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Fixture fixture = context.getStore(NAMESPACE).remove(Fixture.class, Fixture.class);
        if (fixture != null) {
            fixture.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == TestProject.class || type == GeneratedMission.class || type == SimulatedHost.class
                || type == OrchestratorClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Fixture fixture = extensionContext.getStore(NAMESPACE).get(Fixture.class, Fixture.class);
        if (fixture == null) {
            throw new ParameterResolutionException("SpecKittyExtension resolves parameters of test and @BeforeEach"
                    + " methods only; use a @BeforeEach method instead of @BeforeAll");
        }
        Class<?> type = parameterContext.getParameter().getType();
        if (type == TestProject.class) {
            return fixture.project;
        }
        if (type == GeneratedMission.class) {
            return fixture.mission;
        }
        if (type == SimulatedHost.class) {
            return fixture.host;
        }
        return fixture.client;
    }

    /** One test's project, mission, host and client. */
    private static final class Fixture implements AutoCloseable {
        private final TestProject project;
        private final GeneratedMission mission;
        private final SimulatedHost host;
        private final OrchestratorClient client;

        private Fixture(TestProject project, GeneratedMission mission, SimulatedHost host, OrchestratorClient client) {
            this.project = project;
            this.mission = mission;
            this.host = host;
            this.client = client;
        }

        static Fixture create(MissionGenerator generator, HostProfile profile, boolean keep) {
            TestProject project = TestProject.create().keepOnClose(keep);
            try {
                GeneratedMission mission = project.addMission(generator);
                SimulatedHost host = SimulatedHost.builder().projectRoot(project.root()).profile(profile).build();
                OrchestratorClient client = OrchestratorClient.builder()
                        .transport(host.transport())
                        .projectRoot(project.root())
                        .build();
                return new Fixture(project, mission, host, client);
            } catch (RuntimeException e) {
                project.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                client.close();
            } finally {
                project.close();
            }
        }
    }

    /** Builder for {@link SpecKittyExtension}. Not thread-safe. */
    public static final class Builder {
        private MissionGenerator mission =
                MissionGenerator.builder().slug("demo").workPackages(4).shape(DagShape.diamond()).build();
        private HostProfile profile = HostProfile.V1_3_0;
        private boolean keepProject;

        private Builder() {}

        /**
         * Sets the mission every test gets.
         *
         * @param mission the generator
         * @return this builder
         */
        public Builder mission(MissionGenerator mission) {
            this.mission = Objects.requireNonNull(mission, "mission");
            return this;
        }

        /**
         * Sets which host release the simulator imitates.
         *
         * @param profile the profile; default {@link HostProfile#V1_3_0}
         * @return this builder
         */
        public Builder profile(HostProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /**
         * Keeps each test's project directory after the test (for debugging).
         *
         * @param keep whether to keep it
         * @return this builder
         */
        public Builder keepProject(boolean keep) {
            this.keepProject = keep;
            return this;
        }

        /**
         * Builds the extension.
         *
         * @return the extension
         */
        public SpecKittyExtension build() {
            return new SpecKittyExtension(this);
        }
    }
}
