package cn.campuspass.registrant.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many rows through the whole engine with a counting sink. No timing assertions; {@link LargeImportMain} measures
 * time and heap by hand.
 *
 * <p>The default run imports 20,000 rows. The 100,000-row case took about a minute on a busy shared 2-core machine
 * (half writing the file, half importing it), so it only runs when asked: {@code mvn -pl school-modules test
 * -Dtest=LargeImportTest -Dcampuspass.largeTests=true}.
 */
class LargeImportTest {

    @TempDir
    Path dir;

    @Test
    void importsTwentyThousandRows() throws IOException {
        importAndCount(20_000, false);
    }

    @Test
    void readsTextsFromASharedStringsTableAsExcelWritesThem() throws IOException {
        importAndCount(3_000, true);
    }

    @Test
    @Tag("large")
    @EnabledIfSystemProperty(named = "campuspass.largeTests", matches = "true")
    void importsAHundredThousandRows() throws IOException {
        importAndCount(100_000, false);
    }

    private void importAndCount(int total, boolean sharedStrings) throws IOException {
        Path file = LargeFile.write(dir.resolve("large.xlsx"), total, sharedStrings);
        Path problems = dir.resolve("problems.xlsx");
        AtomicInteger rows = new AtomicInteger();
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger biggestBatch = new AtomicInteger();
        FakeSchool school = new FakeSchool();

        ImportReport report = new RegistrantImporter(school)
                .importFile(
                        file,
                        batch -> {
                            rows.addAndGet(batch.size());
                            batches.incrementAndGet();
                            biggestBatch.accumulateAndGet(batch.size(), Math::max);
                        },
                        ImportOptions.defaults().withProblemRowsFile(problems));

        int bad = LargeFile.badRows(total);
        int batchCount = total / ImportOptions.DEFAULT_BATCH_SIZE;
        assertThat(report.totalRows()).isEqualTo(total);
        assertThat(report.importedRows()).isEqualTo(total - bad);
        assertThat(report.rejectedRows()).isEqualTo(bad);
        assertThat(report.problems()).hasSize(bad);
        assertThat(rows).hasValue(total - bad);
        assertThat(batches).hasValue(batchCount);
        assertThat(biggestBatch.get()).isLessThanOrEqualTo(ImportOptions.DEFAULT_BATCH_SIZE);
        assertThat(school.numberCalls).hasSize(batchCount).allMatch(n -> n <= ImportOptions.DEFAULT_BATCH_SIZE);
        assertThat(school.phoneCalls).hasSize(batchCount);
        assertThat(Sheets.read(problems, ProblemRowsWorkbook.SHEET_NAME, 9)).hasSize(bad + 1);
    }
}
