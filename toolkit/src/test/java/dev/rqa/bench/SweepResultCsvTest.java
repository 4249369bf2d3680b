package dev.rqa.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SweepResultCsvTest {

    @Test
    void fieldsWithSeparatorsAreQuoted() {
        assertEquals("a,\"b,c\",\"say \"\"hi\"\"\",\n", SweepResult.Csv.line(List.of("a", "b,c", "say \"hi\"", "")));
    }

    @Test
    void numbersArePlain() {
        assertEquals("3", SweepResult.Csv.number(3.0));
        assertEquals("0.123457", SweepResult.Csv.number(0.1234567));
        assertEquals("1398", SweepResult.Csv.number(1398));
        assertEquals("-2.5", SweepResult.Csv.number(-2.5));
        assertEquals("", SweepResult.Csv.number(Double.NaN));
    }
}
