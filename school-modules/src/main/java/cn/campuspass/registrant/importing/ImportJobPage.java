package cn.campuspass.registrant.importing;

import cn.campuspass.registrant.ImportJob;
import java.util.List;
import org.springframework.data.domain.Page;

/** A page of import results, newest first, without the problems (see {@link ImportJobView#row}). */
public record ImportJobPage(List<ImportJobView> items, long total) {

    public static ImportJobPage of(Page<ImportJob> jobs) {
        return new ImportJobPage(jobs.stream().map(ImportJobView::row).toList(), jobs.getTotalElements());
    }
}
