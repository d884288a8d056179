package cn.campuspass.registrant;

import cn.campuspass.organization.Departments;
import cn.campuspass.platform.concurrent.DaemonThreads;
import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.school.SchoolSettingsProvider;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.registrant.importing.ImportContext;
import cn.campuspass.registrant.importing.ImportOptions;
import cn.campuspass.registrant.importing.ImportRejected;
import cn.campuspass.registrant.importing.ImportReport;
import cn.campuspass.registrant.importing.RegistrantImporter;
import cn.campuspass.registrant.importing.RegistrantRow;
import cn.campuspass.registrant.importing.RowProblem;
import cn.campuspass.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs registrant imports (A4.2 c, d) in the background for the current school: valid rows are stored batch by
 * batch, every bad row is reported with its row number, the problem rows are kept as a downloadable workbook, and
 * progress is recorded on the job so the console can show a bar. Imported people start with no gate at any campus
 * (no access rule is created).
 */
@Service
public class RegistrantImports implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RegistrantImports.class);
    private static final int PROBLEMS_KEPT_ON_JOB = 200;
    private static final String KIND = "REGISTRANTS";
    private static final String INSERT_BATCH = """
            INSERT INTO registrant (name, identity, identity_type_id, number, phone_encrypted, phone_index,
                                    phone_masked, id_tail_encrypted, id_tail_index, id_tail_masked,
                                    department_id, managed_department_id)
            SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[], ?::text[], ?::varchar[],
                                 ?::varchar[], ?::text[], ?::varchar[], ?::varchar[], ?::bigint[], ?::bigint[])
            """;

    private final SchoolJdbc jdbc;
    private final ImportJobRepository jobs;
    private final Departments departments;
    private final SchoolSettingsProvider settings;
    private final FieldCipher cipher;
    private final ObjectStore storage;
    private final TransactionTemplate transactions;
    private final java.time.Clock clock;
    private final IdentityTypes identityTypes;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, DaemonThreads.named("registrant-import"));

    RegistrantImports(
            SchoolJdbc jdbc,
            ImportJobRepository jobs,
            Departments departments,
            SchoolSettingsProvider settings,
            FieldCipher cipher,
            ObjectStore storage,
            TransactionTemplate transactions,
            java.time.Clock clock,
            IdentityTypes identityTypes) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.departments = departments;
        this.settings = settings;
        this.cipher = cipher;
        this.storage = storage;
        this.transactions = transactions;
        this.clock = clock;
        this.identityTypes = identityTypes;
    }

    /** Accepts the upload (copied to a temporary file first) and starts the import; returns the job id. */
    public UUID start(String fileName, InputStream upload, String actor) {
        SchoolCode school = SchoolContext.require();
        UUID id = UUID.randomUUID();
        Path file;
        try {
            file = Files.createTempFile("registrant-import-", ".xlsx");
            Files.copy(upload, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        transactions.executeWithoutResult(tx -> jobs.save(new ImportJob(id, KIND, fileName, actor, clock.instant())));
        executor.submit(() -> SchoolContext.runAs(school, () -> run(school, id, file)));
        return id;
    }

    public ImportJob job(UUID id) {
        return jobs.findById(id).orElseThrow(() -> new ApiException(RegistrantError.IMPORT_JOB_NOT_FOUND));
    }

    /** Registrant imports of the school, newest first (A4.2 c). */
    @Transactional(readOnly = true)
    public Page<ImportJob> recent(int page, int size) {
        return jobs.findByKind(
                KIND,
                PageRequest.of(
                        Math.max(0, page),
                        Math.min(Math.max(1, size), 100),
                        Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"))));
    }

    public InputStream problemRows(UUID id) {
        ImportJob job = job(id);
        if (job.getProblemsKey() == null) {
            throw new ApiException(RegistrantError.IMPORT_JOB_NOT_FOUND);
        }
        return storage.get(SchoolContext.require(), job.getProblemsKey());
    }

    private void run(SchoolCode school, UUID id, Path file) {
        Path problems = file.resolveSibling(file.getFileName() + ".problems.xlsx");
        try {
            ImportOptions options = ImportOptions.defaults()
                    .withProblemRowsFile(problems)
                    .withProgress(processed -> transactions.executeWithoutResult(
                            tx -> jobs.findById(id).ifPresent(job -> job.progress(processed))));
            SchoolImportContext context = new SchoolImportContext(school);
            ImportReport report =
                    new RegistrantImporter(context).importFile(file, batch -> store(context, batch), options);
            String problemsKey = null;
            if (report.rejectedRows() > 0 && Files.exists(problems)) {
                problemsKey = "imports/" + id + "-problems.xlsx";
                try (InputStream in = Files.newInputStream(problems)) {
                    storage.put(
                            school,
                            problemsKey,
                            in,
                            Files.size(problems),
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                }
            }
            String firstProblems = report.problems().stream()
                    .limit(PROBLEMS_KEPT_ON_JOB)
                    .map(RowProblem::text)
                    .collect(Collectors.joining("\n"));
            String key = problemsKey;
            transactions.executeWithoutResult(tx -> jobs.findById(id)
                    .orElseThrow()
                    .done(
                            report.totalRows(),
                            report.importedRows(),
                            report.rejectedRows(),
                            firstProblems,
                            key,
                            clock.instant()));
        } catch (ImportRejected e) {
            transactions.executeWithoutResult(tx -> jobs.findById(id)
                    .orElseThrow()
                    .failed(e.code() + ": " + e.getMessage(), e.importedBeforeFailure(), clock.instant()));
        } catch (Exception e) {
            log.error("Registrant import {} of school {} failed", id, school, e);
            transactions.executeWithoutResult(tx ->
                    jobs.findById(id).orElseThrow().failed("IMPORT_FAILED: " + e.getMessage(), 0, clock.instant()));
        } finally {
            deleteQuietly(file);
            deleteQuietly(problems);
        }
    }

    /**
     * One transaction and one multi-row {@code INSERT ... SELECT FROM unnest(arrays)} per batch: a single round trip
     * for a thousand rows instead of one identity insert each. The unique constraints stay the final guard against
     * concurrent writers (a conflict fails the import; batches stored before stay stored).
     */
    private void store(SchoolImportContext context, List<RegistrantRow> batch) {
        int n = batch.size();
        String[] names = new String[n];
        String[] identities = new String[n];
        Long[] identityTypes = new Long[n];
        String[] numbers = new String[n];
        String[] phonesEncrypted = new String[n];
        String[] phoneIndexes = new String[n];
        String[] phonesMasked = new String[n];
        String[] idTailsEncrypted = new String[n];
        String[] idTailIndexes = new String[n];
        String[] idTailsMasked = new String[n];
        Long[] departmentIds = new Long[n];
        Long[] managedDepartmentIds = new Long[n];
        for (int i = 0; i < n; i++) {
            RegistrantRow row = batch.get(i);
            String phone = row.phone().value();
            names[i] = row.name();
            identities[i] = row.identity().name();
            identityTypes[i] = row.identityTypeId();
            numbers[i] = row.number();
            phonesEncrypted[i] = cipher.encrypt(context.school.value(), Registrants.PHONE_FIELD, phone);
            phoneIndexes[i] = context.blindIndex(phone);
            phonesMasked[i] = row.phone().masked();
            IdTails.Sealed tail = IdTails.seal(cipher, context.school.value(), row.idTail());
            idTailsEncrypted[i] = tail.encrypted();
            idTailIndexes[i] = tail.index();
            idTailsMasked[i] = tail.masked();
            departmentIds[i] = row.departmentId();
            managedDepartmentIds[i] = row.managedDepartmentId();
        }
        transactions.executeWithoutResult(tx -> jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT_BATCH)) {
                ps.setArray(1, c.createArrayOf("varchar", names));
                ps.setArray(2, c.createArrayOf("varchar", identities));
                ps.setArray(3, c.createArrayOf("bigint", identityTypes));
                ps.setArray(4, c.createArrayOf("varchar", numbers));
                ps.setArray(5, c.createArrayOf("text", phonesEncrypted));
                ps.setArray(6, c.createArrayOf("varchar", phoneIndexes));
                ps.setArray(7, c.createArrayOf("varchar", phonesMasked));
                ps.setArray(8, c.createArrayOf("text", idTailsEncrypted));
                ps.setArray(9, c.createArrayOf("varchar", idTailIndexes));
                ps.setArray(10, c.createArrayOf("varchar", idTailsMasked));
                ps.setArray(11, c.createArrayOf("bigint", departmentIds));
                ps.setArray(12, c.createArrayOf("bigint", managedDepartmentIds));
                return ps.executeUpdate();
            }
        }));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}", file, e);
        }
    }

    /** Answers the importer's questions from this school's data, in batches. */
    private final class SchoolImportContext implements ImportContext {

        private final SchoolCode school;
        private final Map<String, String> indexByPhone = new HashMap<>();

        SchoolImportContext(SchoolCode school) {
            this.school = school;
        }

        @Override
        public boolean identityOpen(Identity identity) {
            return settings.settingsOf(school).isOpen(identity);
        }

        @Override
        public Optional<Long> departmentId(String name) {
            return departments.idByName(name);
        }

        @Override
        public Optional<Long> identityTypeId(Identity identity, String name) {
            return identityTypes.enabledIdByName(identity, name); // disabled types are not given to new people
        }

        @Override
        public Set<String> existingNumbers(Collection<String> numbers) {
            return transactions.execute(tx -> existing("number", numbers.toArray(String[]::new)));
        }

        /** The batch's blind indexes are remembered until the next batch, so storing them costs no second HMAC. */
        @Override
        public Set<String> existingPhones(Collection<String> phones) {
            indexByPhone.clear();
            Map<String, String> phoneByIndex = new HashMap<>();
            for (String phone : phones) {
                String index = cipher.blindIndex(phone);
                indexByPhone.put(phone, index);
                phoneByIndex.put(index, phone);
            }
            return transactions
                    .execute(tx -> existing("phone_index", phoneByIndex.keySet().toArray(String[]::new)))
                    .stream()
                    .map(phoneByIndex::get)
                    .collect(Collectors.toSet());
        }

        String blindIndex(String phone) {
            String known = indexByPhone.get(phone);
            return known != null ? known : cipher.blindIndex(phone);
        }

        /** One {@code = ANY(array)} query per batch and column. */
        private Set<String> existing(String column, String[] values) {
            return jdbc.run(c -> {
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT " + column + " FROM registrant WHERE " + column + " = ANY (?)")) {
                    ps.setArray(1, c.createArrayOf("varchar", values));
                    Set<String> found = new HashSet<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(rs.getString(1));
                        }
                    }
                    return found;
                }
            });
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
