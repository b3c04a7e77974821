package dev.switchboard.core.cli;

import dev.switchboard.core.RuntimeVersion;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"switchboard " + RuntimeVersion.get()};
    }
}
