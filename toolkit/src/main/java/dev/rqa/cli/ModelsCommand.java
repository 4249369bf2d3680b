package dev.rqa.cli;

import ai.djl.Device;
import dev.rqa.data.FetchedFile;
import dev.rqa.model.TransformerConfig;
import dev.rqa.model.registry.ModelKind;
import dev.rqa.model.registry.ModelLoader;
import dev.rqa.model.registry.ModelRegistry;
import dev.rqa.model.registry.ModelSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code rqa models}: lists the registered models and whether their weights are available, or downloads them. */
@Command(name = "models",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the registered models with their architecture and whether their weights are available locally.",
            "The bge models ship inside Maven artifacts; RocketQA-zh weights are downloaded on request into the",
            "cache (RQA_CACHE_DIR, default ~/.cache/rqa) or read from RQA_DATA_MIRROR/<model>/."})
public final class ModelsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--download", paramLabel = "NAME",
            description = "Download (or verify) the files of this registered model or pair. Repeatable; needs"
                    + " network access.")
    private List<String> download = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ModelLoader loader = ModelLoader.create(Device.cpu()).withDownloads(true);
        ModelRegistry registry = loader.registry();
        if (!download.isEmpty()) {
            for (String name : download) {
                ModelSpec model = registry.get(name);
                for (FetchedFile file : loader.download(model)) {
                    out.printf("%s: %s (%s, %,d bytes, sha256 %s)%n", name, file.path(), file.source().label(),
                            file.size(), file.sha256());
                }
            }
            return 0;
        }

        out.printf("%-34s %-15s %-22s %-26s %s%n", "model", "kind", "architecture", "weights", "description");
        for (ModelSpec model : registry.all()) {
            ModelLoader.Availability availability = loader.availability(model);
            String weights = availability.available() ? "available" : "not downloaded";
            if (model.source() != null && model.source().files().get("weights").startsWith("classpath:")) {
                weights = availability.available() ? "bundled (Maven)" : "missing jar";
            }
            out.printf("%-34s %-15s %-22s %-26s %s%n", model.name(), kind(model.kind()),
                    architecture(model, registry), weights, model.description());
        }
        out.println();
        out.println("Download RocketQA-zh weights on a machine that is online with: rqa models --download NAME");
        return 0;
    }

    private static String kind(ModelKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String architecture(ModelSpec model, ModelRegistry registry) {
        TransformerConfig config = model.isPair() ? registry.get(model.queryModel()).architecture()
                : model.architecture();
        return config.numLayers() + " layers x " + config.hiddenSize();
    }
}
