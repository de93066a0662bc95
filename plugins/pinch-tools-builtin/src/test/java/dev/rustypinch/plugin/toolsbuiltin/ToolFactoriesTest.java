package dev.rustypinch.plugin.toolsbuiltin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustypinch.api.ToolFactory;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ToolFactoriesTest {
    private static List<ToolFactory> loaded() {
        return ServiceLoader.load(ToolFactory.class, ToolFactoriesTest.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .collect(Collectors.toList());
    }

    @Test
    void serviceLoaderFindsExactlyTheThreeBuiltIns() {
        List<String> names = loaded().stream().map(ToolFactory::toolName).sorted().collect(Collectors.toList());

        assertEquals(List.of("model_info", "session_tail", "time_now"), names);
    }

    @Test
    void eachFactoryCreatesTheToolItNames() {
        for (ToolFactory factory : loaded()) {
            assertEquals(factory.toolName(), factory.create(null).name(), factory.getClass().getName());
        }
    }

    @Test
    void factoriesDeclareNoSettings() {
        for (ToolFactory factory : loaded()) {
            assertEquals(List.of(), factory.configKeys(), factory.getClass().getName());
        }
    }
}
