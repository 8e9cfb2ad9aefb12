package io.neuroedge.compiler.lower;

import io.neuroedge.compiler.nir.NirAnalysis;
import io.neuroedge.compiler.nir.NirFormatException;
import io.neuroedge.compiler.nir.NirReader;
import io.neuroedge.compiler.nir.NirValidator;
import io.neuroedge.compiler.nir.Shape;
import io.neuroedge.compiler.profile.CompileOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a NIR file into a fixed-point spike program: read, validate, reduce to a chain
 * ({@link ChainExtractor}), discretise each neuron ({@link Discretiser}), quantize each layer
 * ({@link LayerQuantizer}), assemble and verify the program. Stateless.
 */
public final class NirCompiler {

    /**
     * Compiles {@code nirFile}.
     *
     * @param createdBy recorded in the header, e.g. the command line
     * @throws NirFormatException       the file is not valid NIR
     * @throws UnsupportedModelException the graph uses something the runtime cannot execute
     */
    public CompiledProgram compile(Path nirFile, CompileOptions options, String createdBy)
            throws IOException, NirFormatException {
        byte[] bytes = Files.readAllBytes(nirFile);
        NirAnalysis analysis = new NirValidator().validate(new NirReader().read(nirFile));
        String name = nirFile.getFileName().toString().replaceFirst("\\.nir$", "");
        return compile(analysis, name, bytes, options, createdBy);
    }

    /** Compiles an already validated graph; {@code source} is hashed into the header. */
    public CompiledProgram compile(NirAnalysis analysis, String name, byte[] source, CompileOptions options,
                                   String createdBy) {
        Chain chain = new ChainExtractor().extract(analysis);
        List<String> notes = new ArrayList<>(analysis.notes());
        Discretiser discretiser = new Discretiser(options, notes);
        io.neuroedge.runtime.program.Shape in = programShape(chain.inputName(), chain.inputShape());
        ProgramAssembler assembler = new ProgramAssembler(name, in, options.maxCount(), options.inputUnit());
        if (in.channels() == 2 && in.height() > 1 && in.width() > 1) {
            long binUs = Math.round(options.dt() * 1e6);
            if (binUs < 1) {
                throw new IllegalArgumentException("--dt " + options.dt() + " s is shorter than the 1 us event clock");
            }
            assembler.events(SensorFit.of(in, options.sensor()), binUs);
        }
        for (Stage s : chain.stages()) {
            if (s instanceof Stage.Synaptic syn) {
                assembler.synaptic(syn, discretiser.discretise(syn.neuronName(), syn.neuron(), syn.outputShape()));
            } else {
                assembler.stage(s);
            }
        }
        return assembler.finish(options.readout(), source, createdBy, options.dt(), options.profile().id(),
                options.integrator().id(), notes);
    }

    private static io.neuroedge.runtime.program.Shape programShape(String name, Shape s) {
        return switch (s.rank()) {
            case 1 -> io.neuroedge.runtime.program.Shape.vector(s.dim(0));
            case 3 -> new io.neuroedge.runtime.program.Shape(s.dim(0), s.dim(1), s.dim(2));
            default -> throw new UnsupportedModelException("Input '" + name + "' has shape " + s
                    + "; the runtime takes a vector N or CxHxW");
        };
    }
}
