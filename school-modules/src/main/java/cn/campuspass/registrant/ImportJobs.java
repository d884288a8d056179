package cn.campuspass.registrant;

import cn.campuspass.registrant.importing.ImportReport;
import cn.campuspass.registrant.importing.RowProblem;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The import-result records (导入结果) of every background import of the school, for importers other than the
 * registrant one (vehicle registrations): the same {@code import_job} table, told apart by {@code kind}, so the
 * console shows every import the same way. Each call is its own short transaction, as progress must be visible while
 * the import runs.
 */
@Service
public class ImportJobs {

    /** Problems kept on the job for the detail view; the problem-rows workbook holds them all. */
    public static final int PROBLEMS_KEPT_ON_JOB = 200;

    private final ImportJobRepository jobs;
    private final Clock clock;

    ImportJobs(ImportJobRepository jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public UUID begin(String kind, String fileName, String actor) {
        UUID id = UUID.randomUUID();
        jobs.save(new ImportJob(id, kind, fileName, actor, clock.instant()));
        return id;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void progress(UUID id, int processed) {
        jobs.findById(id).ifPresent(job -> job.progress(processed));
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void done(UUID id, ImportReport report, String problemsKey) {
        String first = report.problems().stream()
                .limit(PROBLEMS_KEPT_ON_JOB)
                .map(RowProblem::text)
                .collect(Collectors.joining("\n"));
        jobs.findById(id)
                .orElseThrow()
                .done(
                        report.totalRows(),
                        report.importedRows(),
                        report.rejectedRows(),
                        first,
                        problemsKey,
                        clock.instant());
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(UUID id, String error, int importedBeforeFailure) {
        jobs.findById(id).orElseThrow().failed(error, importedBeforeFailure, clock.instant());
    }

    /** Imports of this kind, newest first. */
    @Transactional(readOnly = true)
    public Page<ImportJob> recent(String kind, int page, int size) {
        return jobs.findByKind(
                kind,
                PageRequest.of(
                        Math.max(0, page),
                        Math.min(Math.max(1, size), 100),
                        Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"))));
    }

    /** The job, if it is one of this kind. */
    @Transactional(readOnly = true)
    public Optional<ImportJob> job(UUID id, String kind) {
        return jobs.findById(id).filter(job -> kind.equals(job.getKind()));
    }
}
