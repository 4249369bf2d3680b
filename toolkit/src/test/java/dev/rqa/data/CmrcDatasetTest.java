package dev.rqa.data;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CmrcDatasetTest {

    @TempDir
    static Path cache;

    private static RetrievalDataset dataset;

    @BeforeAll
    static void load() {
        dataset = DatasetRegistry.standard().load("cmrc2018", TestData.offlineFetcher(TestData.mirror(), cache));
    }

    @Test
    void countsMatchPublishedFiles() {
        assertEquals(1_104, dataset.corpus().size());
        assertEquals(3_219, dataset.queries().size());
        assertEquals(3_219, dataset.qrels().size());
    }

    @Test
    void everyQueryJudgesOnlyItsParagraph() {
        Set<String> passageIds = dataset.corpus().stream().map(Passage::id).collect(Collectors.toSet());
        for (Query query : dataset.queries()) {
            Map<String, Integer> judged = dataset.qrels().judgements(query.id());
            assertEquals(1, judged.size(), query.id());
            String paragraph = judged.keySet().iterator().next();
            assertEquals(1, judged.get(paragraph), query.id());
            assertTrue(passageIds.contains(paragraph), query.id() + " -> " + paragraph);
            assertTrue(query.id().startsWith(paragraph + "_QUERY_"), query.id() + " -> " + paragraph);
        }
    }

    @Test
    void firstPassageAndQueryMatchFile() {
        Passage first = dataset.corpus().get(0);
        Query query = dataset.queries().get(0);

        assertEquals("DEV_0", first.id());
        assertEquals("战国无双3", first.title());
        assertTrue(first.text().startsWith("《战国无双3》（）是由光荣和ω-force开发的战国无双系列的正统第三续作。"), first.text());
        assertEquals("DEV_0_QUERY_0", query.id());
        assertEquals("《战国无双3》是由哪两个公司合作开发的？", query.text());
        assertEquals(Map.of("DEV_0", 1), dataset.qrels().judgements("DEV_0_QUERY_0"));
    }

    @Test
    void trialParagraphsJoinCorpusOnly() {
        Passage trial = dataset.corpus().get(848);

        assertEquals("TRIAL_800", trial.id());
        assertEquals("泡泡战士", trial.title());
        assertTrue(dataset.queries().stream().noneMatch(query -> query.id().startsWith("TRIAL")));
    }

    @Test
    void emptyArticleTitleStaysEmpty() {
        Passage untitled = dataset.corpus().stream().filter(p -> p.id().equals("DEV_234")).findFirst().orElseThrow();

        assertEquals("", untitled.title());
    }

    @Test
    void provenanceRecordsFilesAndLicense() {
        Map<String, String> provenance = dataset.provenance();

        assertEquals("mirror", provenance.get("file.cmrc2018_dev.json.source"));
        assertEquals("e9ff74231f05c230c6fa88b84441ee334d97234cbb610991cd94b82db00c7f1f",
                provenance.get("file.cmrc2018_dev.json.sha256"));
        assertEquals("f3fae95b57da8e03afb2b57467dd221417060ef4d82db13bf22fc88589f3a6f3",
                provenance.get("file.cmrc2018_trial.json.sha256"));
        assertEquals("CC BY-SA 4.0", provenance.get("license"));
        assertEquals("cmrc2018", provenance.get("spec"));
        assertEquals("1104", provenance.get("passages"));
    }

    @Test
    void subsetKeepsJudgedPassagesAndOthers() {
        RetrievalDataset subset = DatasetRegistry.standard().load("cmrc2018?queries=20&other-passages=30",
                TestData.offlineFetcher(TestData.mirror(), cache));
        Set<String> judged = subset.queries().stream()
                .flatMap(query -> subset.qrels().judgements(query.id()).keySet().stream())
                .collect(Collectors.toSet());
        Set<String> corpusIds = subset.corpus().stream().map(Passage::id).collect(Collectors.toSet());

        assertEquals(20, subset.queries().size());
        assertEquals(dataset.queries().subList(0, 20), subset.queries());
        assertTrue(corpusIds.containsAll(judged), "every judged passage must stay in the corpus");
        assertEquals(judged.size() + 30, subset.corpus().size());
        assertEquals("20", subset.provenance().get("subset.queries"));
        assertEquals("30", subset.provenance().get("subset.otherPassages"));
    }
}
