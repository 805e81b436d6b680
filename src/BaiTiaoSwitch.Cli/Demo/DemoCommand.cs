using BaiTiaoSwitch.Cli.Drivers;
using BaiTiaoSwitch.Cli.Output;
using Microsoft.Extensions.Configuration;

namespace BaiTiaoSwitch.Cli.Demo;

/// <summary><c>bts demo</c>: parses its options, connects through the chosen driver and tells the story.</summary>
public static class DemoCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var (options, errors, help) = DemoOptions.Parse(args, environment);
        if (help)
        {
            Console.Out.WriteLine(DemoOptions.Usage);
            return ExitCodes.Success;
        }

        if (options is null)
        {
            foreach (var error in errors)
            {
                Console.Error.WriteLine("bts demo: " + error);
            }

            Console.Error.WriteLine("Run 'bts demo --help' for the options.");
            return ExitCodes.Usage;
        }

        await using var driver = Connections.Create(options);
        var narrator = new Narrator(Console.Out);
        try
        {
            await driver.ConnectAsync(cancellationToken);
            var held = await new DemoStory(driver, narrator, options).RunAsync(cancellationToken);
            return held ? ExitCodes.Success : ExitCodes.CheckFailed;
        }
        catch (SwitchStepException exception)
        {
            Console.Out.Flush();
            Console.Error.WriteLine();
            Console.Error.WriteLine($"bts demo: stopped: {exception.Message}");
            return ExitCodes.SwitchUnavailable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine("bts demo: cancelled.");
            return ExitCodes.SwitchUnavailable;
        }
    }
}
