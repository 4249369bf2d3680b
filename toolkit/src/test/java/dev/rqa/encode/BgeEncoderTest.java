package dev.rqa.encode;

import ai.djl.Device;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rqa.bench.OnnxRuntimeEncoder;
import dev.rqa.data.DatasetRegistry;
import dev.rqa.data.Passage;
import dev.rqa.data.Query;
import dev.rqa.data.RetrievalDataset;
import dev.rqa.model.registry.EncodingOverrides;
import dev.rqa.model.registry.ModelLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real bge-small-zh-v1.5 weights on the PyTorch engine, checked against ONNX Runtime and its vocabulary. */
class BgeEncoderTest {

    private static DualEncoder encoder;
    private static JsonObject vocabulary;

    @BeforeAll
    static void loadModel() throws IOException {
        encoder = ModelLoader.create(Device.cpu()).withEmbeddingCache(null)
                .dualEncoder("bge-small-zh-v1.5", EncodingOverrides.NONE);
        try (InputStream in = BgeEncoderTest.class.getResourceAsStream("/bge-small-zh-v1.5-tokenizer.json")) {
            vocabulary = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject().getAsJsonObject("model").getAsJsonObject("vocab");
        }
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    private static long id(String token) {
        return vocabulary.get(token).getAsLong();
    }

    /** Twelve CMRC questions and twelve passages of varied length, two of them over 900 characters. */
    private static List<String> realTexts() {
        RetrievalDataset cmrc = DatasetRegistry.standard().load("cmrc2018");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Query query = cmrc.queries().get(i * 97);
            texts.add(query.text());
        }
        List<Passage> corpus = cmrc.corpus();
        corpus.stream().map(Passage::text).filter(text -> text.length() > 900).limit(2).forEach(texts::add);
        for (int i = 0; texts.size() < 24; i += 37) {
            String text = corpus.get(i).text();
            if (text.length() <= 900) {
                texts.add(text);
            }
        }
        return texts;
    }

    @Test
    void pooledVectorsMatchOnnxRuntime() throws IOException {
        SentenceEncoder tower = encoder.passageTower().encoder();
        List<String> texts = realTexts();
        SentenceEncoder.Result ours = tower.encode(texts, null);
        TokenizedText[] tokenized = tower.tokenize(texts.stream().map(EncoderInput::of).toList());

        Path onnx = Files.createTempFile("bge-small-zh-v1.5", ".onnx");
        try (InputStream in = BgeEncoderTest.class.getResourceAsStream("/bge-small-zh-v1.5.onnx")) {
            Files.copy(in, onnx, StandardCopyOption.REPLACE_EXISTING);
        }
        Embeddings reference;
        try (OnnxRuntimeEncoder ort = new OnnxRuntimeEncoder(onnx, 2, new BatchPlanner(8, 8192))) {
            reference = ort.encodeCls(tokenized, true);
        } finally {
            Files.deleteIfExists(onnx);
        }

        double maxDifference = 0;
        for (int i = 0; i < reference.data().length; i++) {
            maxDifference = Math.max(maxDifference, Math.abs(reference.data()[i] - ours.embeddings().data()[i]));
        }
        assertEquals(24, ours.embeddings().rows());
        assertTrue(ours.stats().truncated() >= 1, "at least one passage exceeds 512 tokens");
        assertTrue(maxDifference < 1e-4, "max |difference| against ONNX Runtime is " + maxDifference);
    }

    @Test
    void chineseSentenceIdsFollowVocabulary() {
        TokenizedText tokens = encoder.passageTower().encoder().tokenizer().encode("我爱北京天安门");
        long[] expected = {id("[CLS]"), id("我"), id("爱"), id("北"), id("京"), id("天"), id("安"), id("门"),
            id("[SEP]")};
        assertArrayEquals(expected, tokens.ids());
        assertEquals(false, tokens.truncated());
    }

    @Test
    void capitalisedWordsAreLowerCased() {
        String[] tokens = encoder.passageTower().encoder().tokenizer().tokens("NBA球星");
        assertArrayEquals(new String[] {"[CLS]", "nba", "球", "星", "[SEP]"}, tokens);
    }

    @Test
    void longQueryKeepsFirstThirtyCharacters() {
        String query = "长江是中国第一大河流全长约六千三百公里流经青海西藏四川云南重庆湖北湖南江西安徽江苏上海最后注入东海";
        try (TextTokenizer tokenizer = TextTokenizer.load(
                dev.rqa.model.format.TokenizerFiles.fromResource("/bge-small-zh-v1.5-tokenizer.json"), true, 32)) {
            TokenizedText tokens = tokenizer.encode(query);
            long[] expected = new long[32];
            expected[0] = id("[CLS]");
            for (int i = 0; i < 30; i++) {
                expected[i + 1] = id(String.valueOf(query.charAt(i)));
            }
            expected[31] = id("[SEP]");
            assertArrayEquals(expected, tokens.ids());
            assertTrue(tokens.truncated());
        }
    }

    @Test
    void singleTextIsNotPadded() {
        TokenizedText tokens = encoder.queryTower().encoder().tokenizer().encode("故宫");
        assertEquals(4, tokens.length());
    }

    @Test
    void extremeInputsAreTruncatedNotFatal() {
        String url = "https://example.com/" + "a1b2c3d4e5".repeat(58);
        String huge = "中华人民共和国成立于一九四九年。".repeat(625);
        List<Passage> passages = List.of(new Passage("url", url), new Passage("huge", huge),
                new Passage("mixed", url + " " + huge));
        Embeddings vectors = encoder.encodePassages(passages);

        assertEquals(3, vectors.rows());
        for (int row = 0; row < vectors.rows(); row++) {
            double norm = 0;
            for (float value : vectors.row(row)) {
                assertTrue(Float.isFinite(value), "row " + row + " has a non-finite value");
                norm += value * value;
            }
            assertEquals(1.0, Math.sqrt(norm), 1e-4, "row " + row + " is L2-normalised");
        }
        assertTrue(encoder.passageStats().truncated() >= 2, "the long passages were truncated");
    }
}
