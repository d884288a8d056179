package cn.campuspass.localstack.demo;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the local stack's demo school look lived-in, so a newcomer sees every console page filled: campuses, gates
 * and turnstiles, departments with the departments managing them, a few hundred registrants of every identity with
 * access rules, and a week of access records.
 *
 * <p>Runs after the demo school is ACTIVE and after {@code DemoRegistrant} (张三 and gate 东门, which the portal
 * walkthrough relies on). Sections run in order; a section that fails is logged and the next one runs, so one broken
 * section never costs the developer the stack. Every section is idempotent: a restart adds nothing twice.
 *
 * <p>Sections take the admin API ({@code http}, {@code baseUrl} = the app's URL, a school admin's bearer token) and,
 * where the API cannot do it (backdating), JDBC into the school's schema.
 */
public final class DemoSchoolSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoSchoolSeeder.class);

    /** Where the seeding connects: the app, a school admin's token, and the stack's database. */
    public record Target(
            HttpClient http,
            String baseUrl,
            String bearerToken,
            String jdbcUrl,
            String dbUser,
            String dbPassword,
            String school,
            String guardAccount) {}

    /** One named step; may throw, the seeder logs it and goes on. */
    @FunctionalInterface
    interface Section {
        void run() throws Exception;
    }

    private record Named(String name, Section section) {}

    /** What happened, for the launcher's banner. */
    public record Outcome(List<String> done, List<String> failed) {}

    private DemoSchoolSeeder() {}

    public static Outcome seed(Target t) {
        DemoApi api = new DemoApi(t.http(), t.baseUrl(), t.bearerToken());
        DemoDb db = new DemoDb(t.jdbcUrl(), t.dbUser(), t.dbPassword(), t.school());
        AtomicReference<DemoOrganization.Ids> org = new AtomicReference<>();

        List<Named> sections = new ArrayList<>();
        sections.add(new Named("campuses, gates, departments, turnstiles", () -> org.set(DemoOrganization.seed(api))));
        sections.add(new Named(
                "positions, department descriptions, academic years and terms",
                () -> DemoOrganizationExtras.seed(t.http(), t.baseUrl(), t.bearerToken())));
        // Before registrants, so the import can name the types.
        sections.add(new Named("identity types", () -> DemoIdentityTypes.seed(t.http(), t.baseUrl(), t.bearerToken())));
        sections.add(new Named("registrants and access rules", () -> {
            if (org.get() == null) {
                throw new IllegalStateException("no campuses and departments (their section failed)");
            }
            DemoRegistrants.seed(api, db, org.get());
        }));
        // After registrants: feedback is sent by them.
        sections.add(new Named("feedback types and feedback", () -> {
            DemoFeedback.seed(t.http(), t.baseUrl(), t.bearerToken());
            try (java.sql.Connection c = db.connect()) {
                DemoFeedback.seedRows(c, db.schema());
            }
        }));
        // After registrants: vehicles belong to them.
        sections.add(new Named("vehicles and registration reviews", () -> {
            try (java.sql.Connection c = db.connect()) {
                DemoVehicles.seedRows(c, db.schema());
            }
        }));
        // After registrants: faces through the console upload, each checked by the real detector.
        sections.add(new Named("faces and face update records", () -> {
            try (java.sql.Connection c = db.connect()) {
                DemoFaces.seed(api, c, db.schema());
            }
        }));
        sections.add(new Named(
                "a week of access records", () -> DemoAccessRecords.seed(db, t.guardAccount(), Instant.now())));
        // After vehicles and access rules: the barrier's decisions follow them.
        sections.add(
                new Named("vehicle gates and a week of plate events", () -> DemoVehicleAccess.seed(db, Instant.now())));
        // After vehicles: tickets are issued to registered plates.
        sections.add(new Named(
                "ticket items and tickets", () -> DemoViolations.seed(api, db, t.guardAccount(), Instant.now())));
        // After registrants: visitors book the authorized teachers.
        sections.add(new Named(
                "visitors, bookings and invitations", () -> DemoVisitors.seed(db, t.guardAccount(), Instant.now())));

        List<String> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        long start = System.nanoTime();
        for (Named s : sections) {
            long t0 = System.nanoTime();
            try {
                s.section().run();
                done.add(s.name());
                log.info("Demo data: {} ({} ms)", s.name(), millis(t0));
            } catch (Exception | AssertionError e) {
                failed.add(s.name() + ": " + e.getMessage());
                log.warn("Demo data: {} FAILED after {} ms, going on: {}", s.name(), millis(t0), e.toString(), e);
            }
        }
        log.info("Demo data seeded in {} ms ({} failed)", millis(start), failed.size());
        return new Outcome(done, failed);
    }

    private static long millis(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0).toMillis();
    }
}
