package dev.rqa.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the toolkit version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = RqaCli.class.getPackage().getImplementationVersion();
        return new String[] {"rqa " + (version == null ? "development" : version)};
    }
}
