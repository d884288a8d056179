package cn.campuspass.registrant;

import cn.campuspass.organization.Departments;
import cn.campuspass.platform.concurrent.DaemonThreads;
import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.school.SchoolSettingsProvider;
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
import org.springframework.stereotype.Service;
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

    private final RegistrantRepository registrants;
    private final ImportJobRepository jobs;
    private final Departments departments;
    private final SchoolSettingsProvider settings;
    private final FieldCipher cipher;
    private final ObjectStore storage;
    private final TransactionTemplate transactions;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, DaemonThreads.named("registrant-import"));

    RegistrantImports(
            RegistrantRepository registrants,
            ImportJobRepository jobs,
            Departments departments,
            SchoolSettingsProvider settings,
            FieldCipher cipher,
            ObjectStore storage,
            TransactionTemplate transactions) {
        this.registrants = registrants;
        this.jobs = jobs;
        this.departments = departments;
        this.settings = settings;
        this.cipher = cipher;
        this.storage = storage;
        this.transactions = transactions;
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
        transactions.executeWithoutResult(tx -> jobs.save(new ImportJob(id, "REGISTRANTS", fileName, actor)));
        executor.submit(() -> SchoolContext.runAs(school, () -> run(school, id, file)));
        return id;
    }

    public ImportJob job(UUID id) {
        return jobs.findById(id).orElseThrow(() -> new ApiException(PlatformError.NOT_FOUND));
    }

    public InputStream problemRows(UUID id) {
        ImportJob job = job(id);
        if (job.getProblemsKey() == null) {
            throw new ApiException(PlatformError.NOT_FOUND);
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
            ImportReport report =
                    new RegistrantImporter(new SchoolImportContext(school)).importFile(file, this::store, options);
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
                    .done(report.totalRows(), report.importedRows(), report.rejectedRows(), firstProblems, key));
        } catch (ImportRejected e) {
            transactions.executeWithoutResult(tx -> jobs.findById(id)
                    .orElseThrow()
                    .failed(e.code() + ": " + e.getMessage(), e.importedBeforeFailure()));
        } catch (Exception e) {
            log.error("Registrant import {} of school {} failed", id, school, e);
            transactions.executeWithoutResult(
                    tx -> jobs.findById(id).orElseThrow().failed("IMPORT_FAILED: " + e.getMessage(), 0));
        } finally {
            deleteQuietly(file);
            deleteQuietly(problems);
        }
    }

    /** One transaction per batch; the unique constraints stay the final guard against concurrent writers. */
    private void store(List<RegistrantRow> batch) {
        transactions.executeWithoutResult(tx -> registrants.saveAll(batch.stream()
                .map(row -> new Registrant(
                        row.name(),
                        row.identity(),
                        row.identityTypeId(),
                        row.number(),
                        cipher.encrypt(row.phone().value()),
                        cipher.blindIndex(row.phone().value()),
                        row.phone().masked(),
                        row.idTail(),
                        row.departmentId(),
                        row.managedDepartmentId()))
                .toList()));
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
            return Optional.empty(); // identity types (A4.1) are not built yet: any named type is unknown
        }

        @Override
        public Set<String> existingNumbers(Collection<String> numbers) {
            return new HashSet<>(registrants.findExistingNumbers(numbers));
        }

        @Override
        public Set<String> existingPhones(Collection<String> phones) {
            Map<String, String> byIndex = new HashMap<>();
            phones.forEach(phone -> byIndex.put(cipher.blindIndex(phone), phone));
            return registrants.findExistingPhoneIndexes(byIndex.keySet()).stream()
                    .map(byIndex::get)
                    .collect(Collectors.toSet());
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
