using System.Text;
using BaiTiaoSwitch.Cli;
using BaiTiaoSwitch.Cli.Demo;
using BaiTiaoSwitch.Cli.Statements;

Console.OutputEncoding = Encoding.UTF8;
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

const string Usage = """
    Usage: bts <command> [options]

    Commands:
      demo        Tell the story of one credit line and two wallets against a running switch, checking its guarantees.
      statement   Print an account's statement (账单), in Chinese and English: bts statement <accountId>.
      help        Show this help.

    Run 'bts demo --help' or 'bts statement --help' for their options.
    """;

switch (args.FirstOrDefault())
{
    case "demo":
        return await DemoCommand.RunAsync(args[1..], cancellation.Token);
    case "statement":
        return await StatementCommand.RunAsync(args[1..], Console.Out, cancellation.Token);
    case "help" or "-h" or "--help":
        Console.WriteLine(Usage);
        return ExitCodes.Success;
    case null:
        Console.Error.WriteLine(Usage);
        return ExitCodes.Usage;
    default:
        Console.Error.WriteLine($"bts: unknown command '{args[0]}'.");
        Console.Error.WriteLine(Usage);
        return ExitCodes.Usage;
}
