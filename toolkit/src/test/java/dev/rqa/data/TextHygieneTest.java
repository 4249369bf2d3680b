package dev.rqa.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextHygieneTest {

    @Test
    void removesOnlyAsciiSpaces() {
        assertEquals("从猛将传andZ开始。", TextHygiene.removeAsciiSpaces("从猛将传 and Z开始。"));
        assertEquals("a\tb\u3000c\u00a0d", TextHygiene.removeAsciiSpaces("a \tb\u3000c\u00a0d "));
    }

    @Test
    void textWithoutSpacesIsUnchanged() {
        String text = "没有空格";

        assertEquals(text, TextHygiene.removeAsciiSpaces(text));
    }

    @Test
    void joinsTitleWithSeparator() {
        assertEquals("标题 正文", TextHygiene.joinTitle("标题", "正文", " "));
        assertEquals("标题[SEP]正文", TextHygiene.joinTitle(new Passage("p", "标题", "正文"), "[SEP]"));
    }

    @Test
    void blankTitleGivesTextAlone() {
        assertEquals("正文", TextHygiene.joinTitle("", "正文", " "));
        assertEquals("正文", TextHygiene.joinTitle("  ", "正文", " "));
        assertEquals("正文", TextHygiene.joinTitle(new Passage("p", "正文"), " "));
    }
}
