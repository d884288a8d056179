package cn.campuspass.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.it.Http;
import cn.campuspass.it.StackTest;
import cn.campuspass.it.Tokens;
import java.awt.Color;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 违章人员排行榜 and 违章车辆排行榜 (A6.5, A6.6) in Chromium at 1366×768: both pages sit in 数据分析, open on the
 * current term, rank the registrants and vehicles ticketed through the console API, and a row's 查看详情 opens the
 * registrant's or the vehicle's details with the tickets it counts; screenshots in target/screenshots.
 */
class ViolationBoardsBrowserIT extends StackTest {

    private static final String SCHOOL = "vboardweb";
    private static final String PHONE = "13766660401";
    private static final String PASSWORD = "VBoard@2026x";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void adminRanksViolatorsAndVehiclesAndDrillsDown() throws Exception {
        onboard(SCHOOL, "admin", PHONE, PASSWORD);
        String token = Tokens.school(SCHOOL, "admin", PASSWORD);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        long year = Http.post(
                        url("/admin/api/academic-years"),
                        token,
                        Map.of(
                                "name", today.getYear() + "学年",
                                "startDate", today.minusMonths(3).toString(),
                                "endDate", today.plusMonths(6).toString()))
                .json()
                .path("id")
                .asLong();
        Http.Response term = Http.post(
                url("/admin/api/terms"),
                token,
                Map.of(
                        "academicYearId",
                        year,
                        "name",
                        "秋季学期",
                        "startDate",
                        today.minusMonths(3).toString(),
                        "endDate",
                        today.plusMonths(1).toString()));
        assertThat(term.status()).as(term.body()).isEqualTo(201);
        long department = Http.post(url("/admin/api/departments"), token, Map.of("name", "机械工程学院"))
                .json()
                .path("id")
                .asLong();
        String[][] people = {
            {"王志强", "STUDENT", "2024010101", "13800030001", "MOTOR", "苏A3K521", "4"},
            {"李秀英", "TEACHER", "T2015003", "13800030002", "MOTOR", "苏A8M902", "3"},
            {"张伟", "STUDENT", "2023020217", "13800030003", "EBIKE", "苏A51234", "3"},
            {"陈静", "THIRD_PARTY", "W2022011", "13800030004", "MOTOR", "苏AD12345", "2"},
            {"刘洋", "RESIDENT", "J2021008", "13800030005", "EBIKE", "苏A60721", "1"},
        };
        long item = Http.post(url("/admin/api/ticket-items"), token, Map.of("name", "违规停车", "points", 2))
                .json()
                .path("id")
                .asLong();
        List<Http.FilePart> photos = List.of(
                new Http.FilePart("front", "f.jpg", "image/jpeg", image(Color.RED)),
                new Http.FilePart("side", "s.jpg", "image/jpeg", image(Color.GREEN)),
                new Http.FilePart("back", "b.jpg", "image/jpeg", image(Color.BLUE)));
        for (String[] p : people) {
            Http.Response registrant = Http.post(
                    url("/admin/api/registrants"),
                    token,
                    Map.of(
                            "name", p[0],
                            "identity", p[1],
                            "number", p[2],
                            "phone", p[3],
                            "idTail", "12345X",
                            "departmentId", department));
            assertThat(registrant.status()).as(registrant.body()).isEqualTo(201);
            Map<String, Object> vehicle = new HashMap<>();
            vehicle.put("type", p[4]);
            vehicle.put("plate", p[5]);
            vehicle.put("ownerName", p[0]);
            vehicle.put("relation", "SELF");
            vehicle.put("registrantId", registrant.json().path("id").asLong());
            if (p[4].equals("EBIKE")) {
                vehicle.put("longTerm", true);
            }
            Http.Response created = Http.post(url("/admin/api/vehicles"), token, vehicle);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            for (int i = 0; i < Integer.parseInt(p[6]); i++) {
                Http.Response ticket = Http.postMultipart(
                        url("/admin/api/tickets"),
                        token,
                        "ticket",
                        Map.of("plate", p[5], "itemId", item, "location", "图书馆南侧"),
                        photos);
                assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
            }
        }

        try (Browser browser = Browser.laptop()) {
            browser.open(url("/admin/?school=" + SCHOOL));
            browser.await(By.id("username")).sendKeys(PHONE);
            browser.await(By.id("password")).sendKeys(PASSWORD);
            browser.await(By.id("kc-login")).click();
            browser.testId("school-name");

            browser.testId("menu-violator-leaderboard").click();
            browser.until(d -> browser.testId("violator-board").getText().contains("王志强"), Duration.ofSeconds(30));
            assertThat(browser.testId("violator-board").getText()).contains("138****0001", "学生", "2024010101");
            assertThat(browser.testId("board-help").getText()).contains("共 5 人");
            browser.screenshot("violator-leaderboard");
            browser.await(By.cssSelector("[data-test='board-drill']")).click();
            browser.until(
                    d -> browser.testId("violator-detail").getText().contains("机械工程学院")
                            && browser.testId("violator-detail").getText().contains("苏A3K521"),
                    Duration.ofSeconds(20));
            browser.screenshot("violator-leaderboard-detail");
            browser.driver().navigate().refresh();
            browser.testId("school-name");

            browser.testId("menu-vehicle-leaderboard").click();
            browser.until(d -> browser.testId("vehicle-board").getText().contains("苏A3K521"), Duration.ofSeconds(30));
            assertThat(browser.testId("vehicle-board").getText()).contains("电动自行车", "已通过", "李秀英");
            browser.screenshot("vehicle-leaderboard");
            browser.await(By.cssSelector("[data-test='board-drill']")).click();
            browser.until(d -> browser.testId("vehicle-detail").getText().contains("违规停车"), Duration.ofSeconds(20));
            browser.screenshot("vehicle-leaderboard-detail");
        }
    }

    /** A small JPEG proof photo. */
    private static byte[] image(Color color) throws java.io.IOException {
        java.awt.image.BufferedImage img =
                new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }
}
