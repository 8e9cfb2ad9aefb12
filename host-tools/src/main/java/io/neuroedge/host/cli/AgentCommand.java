package io.neuroedge.host.cli;

import io.neuroedge.agent.AgentOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code neuroedge agent}: runs the device agent in this process (the device jar runs the same). */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Runs the device agent: stores flashed spike programs, runs the active one on streamed events,"
                + " publishes results and telemetry, drives GPIO outputs.",
                "Listens on loopback unless --bind names another interface, which requires mutual TLS or a token."})
final class AgentCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    AgentOptions options;

    @Override
    public Integer call() throws Exception {
        AgentOptions.oneLineLogs();
        return options.runUntilStopped(spec.commandLine().getOut());
    }
}
