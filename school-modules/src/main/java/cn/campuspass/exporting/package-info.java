/**
 * Background spreadsheet exports: a list's rows streamed from one database cursor into an SXSSF workbook (a window of
 * rows in memory, the rest compressed on disk), progress recorded on an {@code export_job} row for the console's
 * bar, the finished file in the school's private object storage for download. A feature supplies a
 * {@link cn.campuspass.exporting.SpreadsheetExports.Source} (headers, count, rows) and a kind; this module runs it.
 */
@org.springframework.modulith.ApplicationModule
package cn.campuspass.exporting;
