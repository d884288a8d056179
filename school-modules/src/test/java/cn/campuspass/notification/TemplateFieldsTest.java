package cn.campuspass.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplateFieldsTest {

    @Test
    void thingCollapsesWhitespaceAndCutsAtTwentyCharacters() {
        assertThat(TemplateFields.thing(null)).isEmpty();
        assertThat(TemplateFields.thing("  超速\n\t行驶  ")).isEqualTo("超速 行驶");
        assertThat(TemplateFields.thing("一二三四五六七八九十一二三四五六七八九十")).hasSize(20).doesNotEndWith("…");
        assertThat(TemplateFields.thing("一二三四五六七八九十一二三四五六七八九十一")).hasSize(20).isEqualTo("一二三四五六七八九十一二三四五六七八九…");
    }
}
