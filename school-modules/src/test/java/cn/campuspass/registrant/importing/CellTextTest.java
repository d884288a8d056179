package cn.campuspass.registrant.importing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CellTextTest {

    @Test
    void numbersBecomePlainDigits() {
        assertThat(CellText.number(13800138000.0, "General")).isEqualTo("13800138000");
        assertThat(CellText.number(1.38001380E10, "General")).isEqualTo("13800138000");
        assertThat(CellText.number(Double.parseDouble("1.3800138E10"), null)).isEqualTo("13800138000");
        assertThat(CellText.number(20230001, "0")).isEqualTo("20230001");
        assertThat(CellText.number(0.1, "General")).isEqualTo("0.1");
        assertThat(CellText.number(123.50, "General")).isEqualTo("123.5");
        assertThat(CellText.number(1e20, "General")).isEqualTo("100000000000000000000");
        assertThat(CellText.number(-5, "General")).isEqualTo("-5");
    }

    @Test
    void cellsOfSpacesAreBlank() {
        assertThat(new CellText("\u00A0\u3000 ", "\u00A0\u3000 ", null).blank()).isTrue();
        assertThat(new CellText("", "", "单元格包含错误值 #N/A").blank()).isFalse();
        assertThat(new CellText("x", "x", null).blank()).isFalse();
    }

    @Test
    void aZeroPaddingFormatKeepsTheZerosExcelShows() {
        assertThat(CellText.number(123, "000000")).isEqualTo("000123");
        assertThat(CellText.number(1234567, "000000")).isEqualTo("1234567");
        assertThat(CellText.number(12.5, "000000")).isEqualTo("12.5");
        assertThat(CellText.number(123, "0.00")).isEqualTo("123");
    }

    @Test
    void textIsCleanedAndMadeHalfWidth() {
        assertThat(Text.clean("\u3000 张\u00A0\u00A0三\t\u200B ")).isEqualTo("张 三");
        assertThat(Text.halfWidthAlnum("ＩＴ中心（南校区）１号")).isEqualTo("IT中心（南校区）1号");
        assertThat(Text.halfWidthAscii("ＴＰ－００１（Ａ）")).isEqualTo("TP-001(A)");
        assertThat(Text.echo("一".repeat(40))).hasSize(31).endsWith("…");
    }

    @Test
    void headersCompareWithoutSpacesStarsAndFullWidthForms() {
        assertThat(TemplateColumn.byHeader(" 学号／工号 ＊")).contains(TemplateColumn.NUMBER);
        assertThat(TemplateColumn.byHeader("手机号(必填)")).contains(TemplateColumn.PHONE);
        assertThat(TemplateColumn.byHeader("手 机 号")).contains(TemplateColumn.PHONE);
        assertThat(TemplateColumn.byHeader("部门/单位及被分管部门")).contains(TemplateColumn.DEPARTMENT);
        assertThat(TemplateColumn.byHeader("备注")).isEmpty();
        assertThat(TemplateColumn.byHeader("身份证")).isEmpty();
    }

    @Test
    void formulaTriggersAreRecognised() {
        for (String s : new String[] {"=1+1", "+86", "-1", "@SUM(A1)", "\tx", "\rx"}) {
            assertThat(Text.looksLikeFormula(s)).as(s).isTrue();
        }
        assertThat(Text.looksLikeFormula("张三")).isFalse();
        assertThat(Text.looksLikeFormula("")).isFalse();
    }
}
