package dev.rqa.eval;

import dev.rqa.data.RemoteFile;
import dev.rqa.model.registry.ModelLoader;
import dev.rqa.model.registry.ModelSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Whether a model named in a reproduction can be loaded without a download.
 *
 * @param name      registry name or local checkpoint path
 * @param available whether every file is present locally
 * @param location  where the files are, or where they are looked for when missing
 * @param reason    why the model is missing, with the command that fixes it; empty when available
 * @param remedy    what to do to make it available; empty when available
 */
record ModelStatus(String name, boolean available, String location, String reason, String remedy) {

    /** Looks a name up in the loader's registry first, then as a local checkpoint path. */
    static ModelStatus of(String name, ModelLoader loader) {
        if (loader.registry().contains(name)) {
            return registered(loader.registry().get(name), loader);
        }
        Path path = Path.of(name);
        if (Files.exists(path)) {
            return new ModelStatus(name, true, path.toAbsolutePath().toString(), "", "");
        }
        return new ModelStatus(name, false, "no registry entry and no file or folder " + path.toAbsolutePath(),
                "no registered model or local checkpoint named '" + name + "'",
                "rqa models lists the registered names; a local checkpoint is given by its directory path");
    }

    private static ModelStatus registered(ModelSpec spec, ModelLoader loader) {
        ModelLoader.Availability availability = loader.availability(spec);
        if (availability.available()) {
            return new ModelStatus(spec.name(), true, availability.where(), "", "");
        }
        if (availability.missing().isEmpty()) {
            // Bundled weights whose carrier jar is not on the class path.
            String artifact = spec.source().artifact();
            return new ModelStatus(spec.name(), false, availability.where(),
                    "the Maven artifact " + artifact + " that carries the weights is not on the class path",
                    "run through ./rqa or the rqa-java kernel, whose class path holds toolkit/target/lib/*");
        }
        Set<String> folders = new LinkedHashSet<>();
        for (RemoteFile file : availability.missing()) {
            folders.add(loader.cachePath(file).getParent() + "/");
        }
        String lookedIn = String.join(", ", folders) + loader.mirrorDir()
                .map(mirror -> " or the same folders under " + mirror).orElse("");
        String command = "rqa models --download " + spec.name();
        return new ModelStatus(spec.name(), false, "not found; looked in " + lookedIn,
                "weights not available locally; run " + command,
                command + " on a machine that is online, or copy the files into " + String.join(", ", folders));
    }
}
