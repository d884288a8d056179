package cn.campuspass.localstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The demo people must import without a refused row: unique 学号/工号 and phones, valid fields, known departments. */
class DemoPeopleTest {

    private final List<DemoPeople.Person> people = DemoPeople.all();

    @Test
    void aFewHundredPeopleOfEveryIdentity() {
        assertThat(people).hasSizeBetween(250, 400);
        Map<DemoPeople.Identity, Long> byIdentity =
                people.stream().collect(Collectors.groupingBy(DemoPeople.Person::identity, Collectors.counting()));
        assertThat(byIdentity.keySet()).containsExactlyInAnyOrder(DemoPeople.Identity.values());
        assertThat(byIdentity.values()).allMatch(n -> n >= 20);
    }

    @Test
    void numbersAndPhonesAreUniqueAndNeverTheDemoRegistrants() {
        Set<String> numbers = new HashSet<>();
        Set<String> phones = new HashSet<>();
        for (DemoPeople.Person p : people) {
            assertThat(numbers.add(p.number())).as("number %s", p.number()).isTrue();
            assertThat(phones.add(p.phone())).as("phone %s", p.phone()).isTrue();
        }
        assertThat(numbers).doesNotContain("2026000001");
        assertThat(phones).doesNotContain("13900000001");
    }

    @Test
    void fieldsPassTheImportersRules() {
        Set<String> departments = DemoOrganization.DEPARTMENTS.stream()
                .map(DemoOrganization.DepartmentPlan::name)
                .collect(Collectors.toSet());
        for (DemoPeople.Person p : people) {
            assertThat(p.name().codePointCount(0, p.name().length())).isBetween(2, 4);
            assertThat(p.number()).matches("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
            assertThat(p.phone()).matches("1[3-9][0-9]{9}");
            assertThat(p.idTail()).matches("[0-9]{5}[0-9X]");
            assertThat(departments).contains(p.department());
            if (!p.managedDepartment().isEmpty()) {
                assertThat(departments).contains(p.managedDepartment());
            }
        }
    }

    @Test
    void identityTypesAreDemoTypesOfTheirIdentityAndCoverEveryTeacherType() {
        Set<String> typesUsed = new HashSet<>();
        for (DemoPeople.Person p : people) {
            if (!p.identityType().isEmpty()) {
                assertThat(DemoIdentityTypes.TYPES)
                        .as("%s of %s", p.identityType(), p.identity())
                        .contains(Map.entry(p.identityType(), p.identity().name()));
                typesUsed.add(p.identityType());
            }
        }
        assertThat(typesUsed).contains("在编教师", "外聘教师", "博士后", "本科生", "研究生", "物业");
        assertThat(people.stream().filter(p -> p.identity() == DemoPeople.Identity.STUDENT))
                .allMatch(p -> !p.identityType().isEmpty());
    }

    @Test
    void theSamePeopleEveryRun() {
        assertThat(DemoPeople.all()).isEqualTo(people);
    }

    @Test
    void studentNumbersOfAYearMatchOnlyThatYearsSearch() {
        // The access rules go out per college and enrolment year through the list's text search (a substring of
        // the 学号): no student of another year may contain the year.
        for (DemoPeople.Person p : people) {
            if (p.identity() == DemoPeople.Identity.STUDENT) {
                for (int year : DemoPeople.YEARS) {
                    assertThat(p.number().contains(Integer.toString(year)))
                            .as("%s and %d", p.number(), year)
                            .isEqualTo(p.number().startsWith(Integer.toString(year)));
                }
            }
        }
    }

    @Test
    void workbookHasTheTemplatesHeadersAndOneRowPerPerson() throws Exception {
        byte[] xlsx = DemoRegistrants.workbook(people);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            DataFormatter f = new DataFormatter();
            Row header = sheet.getRow(0);
            assertThat(List.of(
                            f.formatCellValue(header.getCell(0)),
                            f.formatCellValue(header.getCell(1)),
                            f.formatCellValue(header.getCell(3)),
                            f.formatCellValue(header.getCell(4)),
                            f.formatCellValue(header.getCell(6)),
                            f.formatCellValue(header.getCell(7))))
                    .containsExactly("姓名*", "身份*", "学号/工号*", "手机号*", "部门/单位*", "被分管部门");
            assertThat(sheet.getLastRowNum()).isEqualTo(people.size());
            DemoPeople.Person first = people.get(0);
            Row row = sheet.getRow(1);
            assertThat(f.formatCellValue(row.getCell(3))).isEqualTo(first.number());
            assertThat(f.formatCellValue(row.getCell(4))).isEqualTo(first.phone());
            assertThat(f.formatCellValue(row.getCell(1))).isEqualTo("学生");
        }
    }
}
