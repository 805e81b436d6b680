using BaiTiaoSwitch.Cli.Drivers;
using BaiTiaoSwitch.Cli.Output;
using Microsoft.Extensions.Configuration;

namespace BaiTiaoSwitch.Cli.Statements;

/// <summary><c>bts statement &lt;accountId&gt;</c>: connects as the issuer and prints the account's statements, newest first.</summary>
public static class StatementCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var (options, errors, help) = StatementOptions.Parse(args, environment);
        if (help)
        {
            output.WriteLine(StatementOptions.Usage);
            return ExitCodes.Success;
        }

        if (options is null)
        {
            foreach (var error in errors)
            {
                Console.Error.WriteLine("bts statement: " + error);
            }

            Console.Error.WriteLine("Run 'bts statement --help' for the options.");
            return ExitCodes.Usage;
        }

        await using var driver = Connections.Create(options.Connection);
        try
        {
            await driver.ConnectAsync(cancellationToken);
            var statements = await driver.ListStatementsAsync(options.AccountId, cancellationToken);
            output.Write(Render(options.AccountId, statements));
            return ExitCodes.Success;
        }
        catch (SwitchStepException exception)
        {
            Console.Error.WriteLine($"bts statement: {exception.Message}");
            return ExitCodes.SwitchUnavailable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine("bts statement: cancelled.");
            return ExitCodes.SwitchUnavailable;
        }
    }

    /// <summary>The newest statement in full, then one line for each earlier one.</summary>
    public static string Render(string accountId, IReadOnlyList<StatementView> statements)
    {
        if (statements.Count == 0)
        {
            return $"    暂无账单 No statement has been cut yet for account {accountId}.\n";
        }

        var text = StatementPrinter.Render(statements[0]);
        if (statements.Count == 1)
        {
            return text;
        }

        var earlier = new Table(("往期账单 Earlier statements", Align.Left), ("到期 Due", Align.Left), ("本期应还 New balance", Align.Right), ("已还 Paid", Align.Right), ("状态 Status", Align.Left));
        foreach (var statement in statements.Skip(1))
        {
            earlier.Add(statement.StatementId, statement.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Yuan.Format(statement.NewBalance), Yuan.Format(statement.Paid), StatementPrinter.StatusLabel(statement.Status));
        }

        return text + "\n" + earlier.Render();
    }
}
