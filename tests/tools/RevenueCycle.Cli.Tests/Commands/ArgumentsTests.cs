namespace RevenueCycle.Cli.Tests.Commands;

public sealed class ArgumentsTests
{
    [Fact]
    public void Parse_PositionalsOptionsRepeatsAndFlags()
    {
        var arguments = new Arguments(["codes", "validate", "--dos", "2026-03-02", "--px", "99213", "--px", "G0439", "--inpatient", "--max", "5"]);

        Assert.Equal(["codes", "validate"], arguments.Positionals);
        Assert.Equal("2026-03-02", arguments.Option("--dos"));
        Assert.Equal(["99213", "G0439"], arguments.Options("--px"));
        Assert.Equal("true", arguments.Option("--inpatient"));
        Assert.Equal("5", arguments.Option("--max"));
        Assert.Null(arguments.Option("--refdata"));
        Assert.Throws<UsageException>(() => arguments.Required("--refdata"));
    }

    [Fact]
    public async Task UnknownCommand_ExitsWithTwo()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await Cli.RunAsync(["frobnicate"], output, error);

        Assert.Equal(2, code);
        Assert.Contains("unknown command", error.ToString());
    }

    [Fact]
    public async Task OfflineEval_WithoutItsFile_ExitsWithTwoAndSaysWhy()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await Cli.RunAsync(["codes", "eval", "--negex", "/nonexistent.jsonl"], output, error);

        Assert.Equal(2, code);
        Assert.Contains("/nonexistent.jsonl does not exist", error.ToString());
    }
}
