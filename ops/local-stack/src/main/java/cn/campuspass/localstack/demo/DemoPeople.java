package cn.campuspass.localstack.demo;

import static cn.campuspass.localstack.demo.DemoOrganization.CATERING;
import static cn.campuspass.localstack.demo.DemoOrganization.CS;
import static cn.campuspass.localstack.demo.DemoOrganization.ECON;
import static cn.campuspass.localstack.demo.DemoOrganization.FOREIGN;
import static cn.campuspass.localstack.demo.DemoOrganization.GUARDS;
import static cn.campuspass.localstack.demo.DemoOrganization.HOSPITAL;
import static cn.campuspass.localstack.demo.DemoOrganization.LIBRARY;
import static cn.campuspass.localstack.demo.DemoOrganization.LOGISTICS;
import static cn.campuspass.localstack.demo.DemoOrganization.MECH;
import static cn.campuspass.localstack.demo.DemoOrganization.MED;
import static cn.campuspass.localstack.demo.DemoOrganization.PRESIDENT;
import static cn.campuspass.localstack.demo.DemoOrganization.PROPERTY;
import static cn.campuspass.localstack.demo.DemoOrganization.RESIDENTS;
import static cn.campuspass.localstack.demo.DemoOrganization.SECURITY;
import static cn.campuspass.localstack.demo.DemoOrganization.STUDENT_AFFAIRS;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The demo school's people, generated from a fixed seed so every run (and every developer) gets the same ones:
 * realistic names, 学号/工号 by identity, mobile numbers and ID-card tails.
 *
 * <p>学号: enrolment year + college code + serial (2023030017); 工号: year of hire + serial (20080137); contractors:
 * their company's letters + year + serial (WY2024003); residents: JM + serial. None collides with the demo
 * registrant 张三 (2026000001, phone 13900000001).
 */
final class DemoPeople {

    /** Identity as the import template's 身份 column writes it. */
    enum Identity {
        STUDENT("学生"),
        TEACHER("教师"),
        THIRD_PARTY("第三方服务人员"),
        RESIDENT("居民");

        final String label;

        Identity(String label) {
            this.label = label;
        }
    }

    record Person(
            String name,
            Identity identity,
            String number,
            String phone,
            String idTail,
            String department,
            String managedDepartment,
            String identityType) {}

    /** Students per college and the college's code in the 学号. */
    static final Map<String, int[]> STUDENTS = new LinkedHashMap<>();
    /** Teachers and staff per department. */
    static final Map<String, Integer> TEACHERS = new LinkedHashMap<>();

    static {
        // college -> {code, students}
        STUDENTS.put(CS, new int[] {3, 48});
        STUDENTS.put(ECON, new int[] {5, 40});
        STUDENTS.put(FOREIGN, new int[] {7, 30});
        STUDENTS.put(MECH, new int[] {8, 32});
        STUDENTS.put(MED, new int[] {11, 36});

        TEACHERS.put(CS, 10);
        TEACHERS.put(ECON, 8);
        TEACHERS.put(FOREIGN, 7);
        TEACHERS.put(MECH, 7);
        TEACHERS.put(MED, 8);
        TEACHERS.put(HOSPITAL, 6);
        TEACHERS.put(PRESIDENT, 3);
        TEACHERS.put(SECURITY, 4);
        TEACHERS.put(LOGISTICS, 3);
        TEACHERS.put(STUDENT_AFFAIRS, 3);
        TEACHERS.put(LIBRARY, 3);
    }

    /** Enrolment years of the students now on campus (the demo registrant 张三 is of 2026). */
    static final int[] YEARS = {2023, 2024, 2025, 2026};

    private static final String SURNAMES =
            "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢" + "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    /** Given-name characters of younger people (students). */
    private static final String YOUNG = "子轩梓涵浩宇欣怡思雨佳琪一诺嘉俊泽睿宁瑶婷雪琳晓天昊凯逸航悦馨若彤鑫博文然晨宸煜铭妍可心" + "雅静语嫣诗涵沐阳奕辰皓轩景瑞书瑶";
    /** Given-name characters of older people (staff, contractors, residents). */
    private static final String OLDER = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建国庆海波成林斌健春梅兰凤云飞峰亮新" + "志宏德金荣军胜利";

    private static final String[] MOBILE_PREFIXES = {
        "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157",
        "158", "159", "166", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "198", "199"
    };

    private DemoPeople() {}

    /** Everyone, in a fixed order (students by college and year, teachers, contractors, residents). */
    static List<Person> all() {
        Random random = new Random(20260901L);
        Set<String> phones = new HashSet<>(Set.of("13900000001", "13800000000", "13800000002"));
        List<Person> people = new ArrayList<>();
        for (Map.Entry<String, int[]> college : STUDENTS.entrySet()) {
            int code = college.getValue()[0];
            int count = college.getValue()[1];
            for (int i = 0; i < count; i++) {
                int year = YEARS[i % YEARS.length];
                int serial = i / YEARS.length + 1;
                String number = String.format("%d%02d%04d", year, code, serial);
                people.add(new Person(
                        name(random, YOUNG),
                        Identity.STUDENT,
                        number,
                        phone(random, phones),
                        idTail(random),
                        college.getKey(),
                        "",
                        // about one in five on campus is a graduate student (A4.1 identity types)
                        serial % 5 == 0 ? "研究生" : "本科生"));
            }
        }
        int teacherSerial = 1;
        for (Map.Entry<String, Integer> department : TEACHERS.entrySet()) {
            for (int i = 0; i < department.getValue(); i++) {
                int hired = 1995 + random.nextInt(29);
                int serial = teacherSerial++;
                String number = String.format("%d%04d", hired, serial);
                people.add(new Person(
                        name(random, OLDER),
                        Identity.TEACHER,
                        number,
                        phone(random, phones),
                        idTail(random),
                        department.getKey(),
                        department.getKey().equals(HOSPITAL) ? MED : "",
                        teacherType(department.getKey(), serial)));
            }
        }
        contractors(people, random, phones, PROPERTY, "WY", 16, LOGISTICS);
        contractors(people, random, phones, CATERING, "CY", 12, LOGISTICS);
        contractors(people, random, phones, GUARDS, "BA", 12, SECURITY);
        for (int i = 1; i <= 26; i++) {
            people.add(new Person(
                    name(random, OLDER),
                    Identity.RESIDENT,
                    String.format("JM%05d", i),
                    phone(random, phones),
                    idTail(random),
                    RESIDENTS,
                    LOGISTICS,
                    ""));
        }
        return people;
    }

    private static void contractors(
            List<Person> people,
            Random random,
            Set<String> phones,
            String company,
            String letters,
            int count,
            String managedBy) {
        for (int i = 1; i <= count; i++) {
            int year = 2019 + random.nextInt(7);
            people.add(new Person(
                    name(random, OLDER),
                    Identity.THIRD_PARTY,
                    String.format("%s%d%03d", letters, year, i),
                    phone(random, phones),
                    idTail(random),
                    company,
                    managedBy,
                    company.equals(PROPERTY) ? "物业" : ""));
        }
    }

    /** Colleges have some external teachers and post-docs; offices are staffed by established posts. */
    private static String teacherType(String department, int serial) {
        if (!STUDENTS.containsKey(department)) {
            return "在编教师";
        }
        return serial % 6 == 0 ? "博士后" : serial % 4 == 1 ? "外聘教师" : "在编教师";
    }

    private static String name(Random random, String givenChars) {
        StringBuilder name = new StringBuilder();
        name.append(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
        int given = random.nextInt(10) < 7 ? 2 : 1;
        for (int i = 0; i < given; i++) {
            name.append(givenChars.charAt(random.nextInt(givenChars.length())));
        }
        return name.toString();
    }

    private static String phone(Random random, Set<String> taken) {
        while (true) {
            String phone = MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)]
                    + String.format("%08d", random.nextInt(100_000_000));
            if (taken.add(phone)) {
                return phone;
            }
        }
    }

    /** Five digits and a check character (digit, or X about one time in eleven). */
    private static String idTail(Random random) {
        String five = String.format("%05d", random.nextInt(100_000));
        int check = random.nextInt(11);
        return five + (check == 10 ? "X" : Integer.toString(check));
    }
}
