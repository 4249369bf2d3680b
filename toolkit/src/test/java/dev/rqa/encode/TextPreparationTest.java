package dev.rqa.encode;

import dev.rqa.InvalidInputException;
import dev.rqa.data.Passage;
import dev.rqa.data.Query;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextPreparationTest {

    private static final EncodingSettings BGE = new EncodingSettings(512, 512, "为这个句子生成表示以用于检索相关文章：", "",
            true, false, TitleMode.NONE, "cls", true);
    private static final EncodingSettings ROCKETQA = new EncodingSettings(32, 384, "", "", true, true,
            TitleMode.PAIR, "cls", false);

    @Test
    void queryGetsPrefix() {
        EncoderInput input = TextPreparation.query(new Query("q1", "北京 在哪里"), BGE);
        assertEquals("为这个句子生成表示以用于检索相关文章：北京 在哪里", input.first());
        assertNull(input.second());
    }

    @Test
    void rocketqaRemovesAsciiSpacesOnly() {
        EncoderInput input = TextPreparation.query(new Query("q1", "北京 在\u3000哪里 NBA"), ROCKETQA);
        assertEquals("北京在\u3000哪里NBA", input.first());
    }

    @Test
    void pairTitleModeMakesTwoSegments() {
        EncoderInput input = TextPreparation.passage(new Passage("p1", "故宫", "故宫 位于北京"), ROCKETQA);
        assertEquals("故宫", input.first());
        assertEquals("故宫位于北京", input.second());
    }

    @Test
    void concatTitleModeJoinsWithSpace() {
        EncoderInput input = TextPreparation.passage(new Passage("p1", "故宫", "位于北京"),
                BGE.withTitleMode(TitleMode.CONCAT));
        assertEquals("故宫 位于北京", input.first());
    }

    @Test
    void passageWithoutTitleIsSingleSegment() {
        EncoderInput input = TextPreparation.passage(new Passage("p1", "位于北京"), ROCKETQA);
        assertTrue(!input.isPair());
    }

    @Test
    void emptyQueryNamesId() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> TextPreparation.query(new Query("DEV_9_QUERY_2", "   "), BGE));
        assertTrue(error.getMessage().contains("DEV_9_QUERY_2"), error.getMessage());
    }

    @Test
    void emptyPassageNamesId() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> TextPreparation.passage(new Passage("DEV_9", ""), BGE));
        assertTrue(error.getMessage().contains("DEV_9"), error.getMessage());
    }
}
