package dev.rqa.data;

import dev.rqa.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registered datasets and the entry point that turns any dataset spec ({@link DatasetSpec}) into a
 * {@link RetrievalDataset}.
 */
public final class DatasetRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetRegistry.class);

    private static final String CMRC_URL = "https://raw.githubusercontent.com/ymcui/cmrc2018/master/squad-style-data/";

    private final Map<String, DatasetDefinition> definitions = new LinkedHashMap<>();

    public DatasetRegistry(List<DatasetDefinition> datasets) {
        for (DatasetDefinition dataset : datasets) {
            if (definitions.put(dataset.name(), dataset) != null) {
                throw new IllegalArgumentException("dataset " + dataset.name() + " is registered twice");
            }
        }
    }

    /** Returns the registry of the built-in named datasets. */
    public static DatasetRegistry standard() {
        return new DatasetRegistry(List.of(cmrc2018()));
    }

    /**
     * CMRC 2018 (ymcui/cmrc2018, SQuAD-style files): the corpus is every paragraph of the dev and trial
     * files (848 + 256), the queries are the 3,219 dev questions, each judged relevant to its own paragraph.
     */
    private static DatasetDefinition cmrc2018() {
        return new DatasetDefinition(
                "cmrc2018",
                "CMRC 2018 Chinese reading comprehension as passage retrieval: dev questions against the dev and"
                        + " trial paragraphs",
                "CC BY-SA 4.0",
                "https://github.com/ymcui/cmrc2018",
                DatasetDefinition.Format.SQUAD_V1,
                List.of(
                        RemoteFile.pinned("cmrc2018", "cmrc2018_dev.json", CMRC_URL + "cmrc2018_dev.json",
                                "e9ff74231f05c230c6fa88b84441ee334d97234cbb610991cd94b82db00c7f1f", 3_299_139),
                        RemoteFile.pinned("cmrc2018", "cmrc2018_trial.json", CMRC_URL + "cmrc2018_trial.json",
                                "f3fae95b57da8e03afb2b57467dd221417060ef4d82db13bf22fc88589f3a6f3", 800_221)),
                List.of("cmrc2018_dev.json"),
                1_104,
                3_219);
    }

    public List<DatasetDefinition> datasets() {
        return List.copyOf(definitions.values());
    }

    public Optional<DatasetDefinition> find(String name) {
        return Optional.ofNullable(definitions.get(name));
    }

    /** Returns a registered dataset, or fails with a message listing the known names and generic forms. */
    public DatasetDefinition require(String name) {
        DatasetDefinition definition = definitions.get(name);
        if (definition == null) {
            throw new InvalidInputException("unknown dataset '" + name + "'. Known datasets: "
                    + String.join(", ", definitions.keySet()) + ". Or point at local files with one of the generic"
                    + " forms " + DatasetSpec.genericSyntax() + " (rqa datasets explains them).");
        }
        return definition;
    }

    /** Loads a dataset spec, fetching registered files through a fetcher configured from the environment. */
    public RetrievalDataset load(String spec) {
        return load(DatasetSpec.parse(spec), FileFetcher.fromEnvironment());
    }

    /** Loads a dataset spec, fetching registered files through the given fetcher. */
    public RetrievalDataset load(String spec, FileFetcher fetcher) {
        return load(DatasetSpec.parse(spec), fetcher);
    }

    /** Loads a parsed spec and applies its subset options. */
    public RetrievalDataset load(DatasetSpec spec, FileFetcher fetcher) {
        RetrievalDataset dataset = switch (spec.kind()) {
            case REGISTERED -> loadRegistered(require(spec.name()), fetcher);
            case SQUAD -> SquadReader.dataset("squad:" + fileNames(spec.paths()), spec.paths(), spec.paths());
            case BEIR -> BeirReader.load(spec.paths().get(0), spec.split());
            case T2RANKING -> T2RankingReader.load(spec.paths().get(0), spec.passages());
        };
        Map<String, String> provenance = new LinkedHashMap<>(dataset.provenance());
        provenance.put("spec", spec.text());
        RetrievalDataset withSpec = new RetrievalDataset(dataset.name(), dataset.corpus(), dataset.queries(),
                dataset.qrels(), provenance);
        return spec.subset().apply(withSpec);
    }

    /** Fetches and verifies every file of a registered dataset. */
    public List<FetchedFile> fetch(DatasetDefinition definition, FileFetcher fetcher) {
        List<FetchedFile> fetched = new ArrayList<>();
        for (RemoteFile file : definition.files()) {
            fetched.add(fetcher.fetch(file));
        }
        return fetched;
    }

    private RetrievalDataset loadRegistered(DatasetDefinition definition, FileFetcher fetcher) {
        List<FetchedFile> fetched = fetch(definition, fetcher);
        List<Path> corpusFiles = fetched.stream().map(FetchedFile::path).toList();
        List<Path> queryFiles = fetched.stream()
                .filter(file -> definition.queryFiles().contains(file.file().fileName()))
                .map(FetchedFile::path)
                .toList();

        RetrievalDataset dataset = switch (definition.format()) {
            case SQUAD_V1 -> SquadReader.dataset(definition.name(), corpusFiles, queryFiles);
        };
        checkCounts(definition, dataset);

        Map<String, String> provenance = new LinkedHashMap<>(dataset.provenance());
        provenance.put("dataset", definition.name());
        provenance.put("license", definition.license());
        provenance.put("homepage", definition.homepage());
        for (FetchedFile file : fetched) {
            provenance.putAll(file.provenance("file." + file.file().fileName()));
        }
        return new RetrievalDataset(definition.name(), dataset.corpus(), dataset.queries(), dataset.qrels(),
                provenance);
    }

    private static void checkCounts(DatasetDefinition definition, RetrievalDataset dataset) {
        // The files are verified by SHA-256, so a count mismatch means the reader changed, not the data.
        boolean passagesDiffer = definition.passages() > 0 && dataset.corpus().size() != definition.passages();
        boolean queriesDiffer = definition.queries() > 0 && dataset.queries().size() != definition.queries();
        if (passagesDiffer || queriesDiffer) {
            throw new IllegalStateException(definition.name() + " loaded " + dataset.corpus().size() + " passages and "
                    + dataset.queries().size() + " queries, but the verified files hold " + definition.passages()
                    + " and " + definition.queries());
        }
        LOG.debug("{}: passage and query counts match the registry", definition.name());
    }

    private static String fileNames(List<Path> paths) {
        return String.join(",", paths.stream().map(path -> String.valueOf(path.getFileName())).toList());
    }
}
