package io.neuroedge.runtime.program;

import io.neuroedge.proto.program.Header;
import io.neuroedge.proto.program.ProgramBody;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and verifies a spike program into an {@link ExecutionPlan}: the only way from bytes to a
 * plan. Every check that the kernels rely on happens in its passes, in order: the container
 * ({@link ContainerPass}: size, magic, version, digest, envelope), the structure
 * ({@link StructurePass}: shapes, layer chain, readout, encoding, memory plan, device limits), then
 * the contents ({@link ContentPass}: weights, ranges, overflow bounds, with the neuron parameters
 * checked by {@link NeuronParamsCheck}). Each failure is an {@link InvalidProgramException} naming
 * the layer, the field and what was expected.
 */
public final class ProgramLoader {

    private final ProgramLimits limits;
    private final ContainerPass container;
    private final StructurePass structure;

    public ProgramLoader(ProgramLimits limits) {
        this.limits = limits;
        this.container = new ContainerPass(limits);
        this.structure = new StructurePass(limits);
    }

    public ProgramLoader() {
        this(ProgramLimits.DEFAULT);
    }

    /** Loads a .nsp file, refusing to read more than the size limit. */
    public ExecutionPlan load(Path file) throws InvalidProgramException, IOException {
        long size = Files.size(file);
        if (size > limits.maxFileBytes()) {
            throw new InvalidProgramException(file + ": program is " + size + " bytes, over the limit of "
                    + limits.maxFileBytes());
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(size + 1, limits.maxFileBytes() + 1));
        }
        try {
            return load(bytes);
        } catch (InvalidProgramException e) {
            throw new InvalidProgramException(file + ": " + e.getMessage(), e);
        }
    }

    /** Verifies serialized program bytes. */
    public ExecutionPlan load(byte[] bytes) throws InvalidProgramException {
        ContainerPass.Opened opened = container.open(bytes);
        return verify(opened.body(), opened.digest(), true);
    }

    /**
     * What an engine would allocate for {@code body}, for writers filling in {@code MemoryPlan}.
     * Verifies everything except the memory declaration itself.
     */
    public MemoryFootprint footprint(ProgramBody body) throws InvalidProgramException {
        return verify(body, "", false).memory();
    }

    private ExecutionPlan verify(ProgramBody body, String digest, boolean checkMemory) throws InvalidProgramException {
        StructurePass.Structure s = structure.check(body, checkMemory);
        List<LayerPlan> layers = ContentPass.build(body, s);
        Header header = body.getHeader();
        return new ExecutionPlan(header.getName(), digest, header.getToolVersion(),
                SpikePrograms.hex(header.getSourceModelSha256().toByteArray()),
                s.input(), layers, s.readout(), s.labels(), s.memory());
    }
}
