package io.neuroedge.agent.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProvider;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link GpioPort} on Pi4J 3. On a board the context is built explicitly with one real provider
 * ({@link Provider#GPIOD}, the default, for the character device; {@link Provider#LINUXFS} for
 * sysfs) and no auto-detection, because Pi4J's auto-detection silently loads mock providers on a
 * machine it does not recognise as a Pi when the mock plugin is on the class path. A context whose
 * digital-output provider is a mock is refused, except through {@link #withContext} (tests).
 */
public final class Pi4jGpioPort implements GpioPort {

    /** The Pi4J digital-output provider to use on a board. */
    public enum Provider { GPIOD, LINUXFS }

    private final Context context;
    private final String providerId;
    private final Map<Integer, DigitalOutput> outputs = new HashMap<>();

    private Pi4jGpioPort(Context context, String providerId) {
        this.context = context;
        this.providerId = providerId;
    }

    /** A port on this board's GPIO through {@code provider}. */
    public static Pi4jGpioPort onBoard(Provider provider) throws IOException {
        try {
            Context ctx = switch (provider) {
                case GPIOD -> Pi4J.newContextBuilder().noAutoDetect().add(GpioDDigitalOutputProvider.newInstance()).build();
                case LINUXFS -> Pi4J.newContextBuilder().noAutoDetect().add(LinuxFsDigitalOutputProvider.newInstance()).build();
            };
            String id = provider == Provider.GPIOD ? GpioDDigitalOutputProvider.ID : LinuxFsDigitalOutputProvider.ID;
            return new Pi4jGpioPort(ctx, id);
        } catch (RuntimeException | LinkageError e) {
            throw new IOException("Pi4J cannot open GPIO with the " + provider + " provider: " + e.getMessage(), e);
        }
    }

    /** A port on a caller-built context (tests pass a mock context); the caller shuts it down. */
    public static Pi4jGpioPort withContext(Context context, String digitalOutputProviderId) {
        return new Pi4jGpioPort(context, digitalOutputProviderId);
    }

    @Override
    public void openOutput(int line) throws IOException {
        if (outputs.containsKey(line)) {
            return;
        }
        try {
            DigitalOutput out = context.create(DigitalOutput.newConfigBuilder(context)
                    .id("neuroedge-gpio-" + line)
                    .address(line)
                    .initial(DigitalState.LOW)
                    .shutdown(DigitalState.LOW)
                    .provider(providerId));
            outputs.put(line, out);
        } catch (RuntimeException e) {
            throw new IOException("cannot claim gpio " + line + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(int line, boolean high) throws IOException {
        DigitalOutput out = outputs.get(line);
        if (out == null) {
            throw new IllegalStateException("gpio " + line + " is not open");
        }
        try {
            out.state(high ? DigitalState.HIGH : DigitalState.LOW);
        } catch (RuntimeException e) {
            throw new IOException("cannot drive gpio " + line + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (DigitalOutput out : outputs.values()) {
            try {
                out.low();
            } catch (RuntimeException ignored) {
                // best effort: shutting down anyway
            }
        }
        outputs.clear();
        if (!providerId.startsWith("mock")) {
            context.shutdown();
        }
    }
}
