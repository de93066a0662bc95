package dev.rustypinch.bench;

import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolContext;
import dev.rustypinch.api.ToolInvocation;

/** A tool that returns the same text every time, so a turn measures the pipeline and not the tool. */
final class ConstantTool implements Tool {
    /** The tool's name. */
    static final String NAME = "constant";
    /** What every run returns. */
    static final String OUTPUT = "pong";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Return a constant (benchmark only).";
    }

    @Override
    public String usage() {
        return "/tool " + NAME;
    }

    @Override
    public String run(ToolInvocation invocation, ToolContext context) {
        return OUTPUT;
    }
}
