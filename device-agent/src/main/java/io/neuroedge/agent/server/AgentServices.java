package io.neuroedge.agent.server;

import io.neuroedge.agent.engine.EngineLoop;
import io.neuroedge.agent.store.ProgramStore;
import io.neuroedge.proto.agent.Board;

import java.util.concurrent.ExecutorService;

/**
 * What every connection's handlers share: the configuration, the program store and the single
 * store thread that alone touches it, the engine loop, the subscribers and the telemetry source.
 */
record AgentServices(AgentConfig config, ProgramStore store, ExecutorService storeThread, EngineLoop engine,
                     Subscribers subscribers, TelemetryReporter telemetry, Board board) {
}
