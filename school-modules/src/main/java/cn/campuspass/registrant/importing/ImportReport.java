package cn.campuspass.registrant.importing;

import java.util.List;

/**
 * The outcome of an import.
 *
 * @param totalRows non-blank data rows read (blank rows are skipped and not counted)
 * @param importedRows rows handed to the sink
 * @param rejectedRows rows not imported; each has at least one entry in the problem-rows workbook
 * @param problems the rejected rows' problems in file order; at most {@link ImportOptions#maxReportedProblems()}
 *     of them, see {@code problemsTruncated}; the problem-rows workbook always holds all of them
 * @param problemsTruncated true when {@code problems} was cut at the limit
 * @param cancelled true when the import stopped early on request; the counts then cover the rows read until then
 */
public record ImportReport(
        int totalRows,
        int importedRows,
        int rejectedRows,
        List<RowProblem> problems,
        boolean problemsTruncated,
        boolean cancelled) {

    public ImportReport {
        problems = List.copyOf(problems);
    }
}
