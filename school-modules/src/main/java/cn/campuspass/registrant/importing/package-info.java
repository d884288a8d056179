/**
 * Excel import of registrants (备案人, A4.2 c/d): the template a school admin fills in, a streaming reader that
 * validates every row against the school's data, and a workbook of the rejected rows with their reasons.
 *
 * <p>Plain Java on purpose: persistence and the school's reference data come in through {@link ImportContext}
 * (look-ups, asked in batches) and {@link ImportSink} (valid rows, handed over in batches), so the engine can be
 * tested without Spring or a database and wired to either later. Policy: valid rows are imported, invalid rows are
 * not, and every invalid row is reported with its Excel row number, column and a Chinese reason.
 *
 * <p>Exposed as a named interface because other importers (vehicle registrations) reuse its generic parts: opening
 * an upload safely ({@link XlsxSheets}), reading cells as text ({@link CellText}), the problem-rows workbook
 * ({@link ProblemRowsWorkbook}), {@link RowProblem}, {@link ImportOptions}, {@link ImportReport} and
 * {@link ImportRejected}.
 */
@org.springframework.modulith.NamedInterface("importing")
package cn.campuspass.registrant.importing;
