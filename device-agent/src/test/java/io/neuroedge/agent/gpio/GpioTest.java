package io.neuroedge.agent.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class GpioTest {

    private Context pi4j;

    @AfterEach
    void tearDown() {
        if (pi4j != null) {
            pi4j.shutdown();
        }
    }

    @Test
    void shouldParseBothMapSpellings() {
        GpioMap list = GpioMap.parse("17, 27,22");
        assertEquals(17, list.lineOf(0));
        assertEquals(22, list.lineOf(2));
        assertEquals(-1, list.lineOf(3));
        assertEquals(-1, list.lineOf(-1));
        GpioMap pairs = GpioMap.parse("3:5,0:6");
        assertEquals(6, pairs.lineOf(0));
        assertEquals(-1, pairs.lineOf(1));
        assertEquals(5, pairs.lineOf(3));
        for (String bad : new String[] {"", "a,b", "1:2:3", "0:1,0:2", "-1", "0:99999"}) {
            assertThrows(IllegalArgumentException.class, () -> GpioMap.parse(bad), bad);
        }
    }

    @Test
    void shouldLightOneLinePerDecision() throws Exception {
        List<String> log = new ArrayList<>();
        LoggingGpioPort port = new LoggingGpioPort(log::add);
        ClassIndicator indicator = ClassIndicator.gpio(port, GpioMap.parse("17,27,22"));
        indicator.show(1);
        assertTrue(port.state(27));
        indicator.show(2);
        assertFalse(port.state(27));
        assertTrue(port.state(22));
        indicator.show(2);
        indicator.show(-1);
        assertFalse(port.state(22));
        indicator.show(7); // unmapped class: nothing lit, nothing thrown
        assertEquals(List.of("gpio 17: output, low", "gpio 27: output, low", "gpio 22: output, low",
                "gpio 27: high", "gpio 27: low", "gpio 22: high", "gpio 22: low"), log);
        indicator.close();
    }

    @Test
    void shouldDrivePi4jOutputs() throws Exception {
        pi4j = Pi4J.newContextBuilder().noAutoDetect().add(MockDigitalOutputProvider.newInstance()).build();
        Pi4jGpioPort port = Pi4jGpioPort.withContext(pi4j, MockDigitalOutputProvider.ID);
        ClassIndicator indicator = ClassIndicator.gpio(port, GpioMap.parse("0:5,1:6"));
        DigitalOutput five = pi4j.registry().get("neuroedge-gpio-5");
        DigitalOutput six = pi4j.registry().get("neuroedge-gpio-6");
        assertEquals(DigitalState.LOW, five.state());
        indicator.show(0);
        assertEquals(DigitalState.HIGH, five.state());
        indicator.show(1);
        assertEquals(DigitalState.LOW, five.state());
        assertEquals(DigitalState.HIGH, six.state());
        indicator.close();
        assertEquals(DigitalState.LOW, six.state());
    }
}
