using System.Net;
using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Operators;

/// <summary>
/// The console in a real browser (Debian's chromium, driven by Playwright; deploy/local/test.sh installs it when
/// missing): a sandbox gateway on loopback serves it without sign-in, and payments made through another gateway of the
/// same cluster while the page is open appear in its live feed. The screenshot goes into the test results directory.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ConsoleBrowserTests(GatewayFixture fixture)
{
    private const float WaitMaxMilliseconds = 60_000;

    [Fact]
    public async Task The_console_shows_payments_made_while_it_is_open_in_its_live_feed()
    {
        await using var gateway = new GatewayFactory(fixture.Cluster.Options.ServiceId, fixture.Cluster.Options.ClusterId, "Sandbox");
        gateway.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        gateway.StartServer();
        var address = gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium(), Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 } });
        var said = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) => said.Enqueue(message.Type + ": " + message.Text);
        page.PageError += (_, error) => said.Enqueue("page error: " + error);
        page.RequestFailed += (_, request) => said.Enqueue("request failed: " + request.Url + " " + request.Failure);
        page.Response += (_, answer) => said.Enqueue($"{answer.Status} {answer.Url}");
        var response = await page.GotoAsync(address + "/console/");
        Assert.Equal(200, response!.Status);
        async Task WaitFor(string selector)
        {
            try
            {
                await page.Locator(selector).WaitForAsync(new() { Timeout = WaitMaxMilliseconds });
            }
            catch (TimeoutException)
            {
                Assert.Fail($"The console never showed {selector}; its status says '{await page.Locator("#status").InnerTextAsync()}'. The page's log:\n{string.Join('\n', said)}\nThe switch's log about the console and the event streams:\n"
                    + string.Join('\n', CapturedLogs.Instance.Lines.Where(line => line.Contains("onsole", StringComparison.Ordinal) || line.Contains("tream", StringComparison.Ordinal) || line.Contains("ueue", StringComparison.Ordinal) || line.Contains("utbox", StringComparison.Ordinal)).TakeLast(30)));
            }
        }

        await WaitFor("#status[data-state=live]");

        var card = await Flows.OpenCard(fixture, limit: 20_000);
        var (grantId, _) = await Flows.Bind(fixture, fixture.Alipay, card);
        var first = await Flows.Authorize(fixture.Alipay, grantId, 6_800);
        var second = await Flows.Authorize(fixture.Alipay, grantId, 9_900);
        var declined = await Flows.Authorize(fixture.Alipay, grantId, 8_000);
        Assert.Equal("insufficient_credit", declined.Str("reason"));

        foreach (var (answer, decision) in new[] { (first, "approved"), (second, "approved"), (declined, "declined") })
        {
            var selector = $"#feed tr[data-authorization-id='{answer.Str("authorizationId")}']";
            await WaitFor(selector);
            var row = page.Locator(selector);
            Assert.Equal(decision, await row.Locator($"td.{decision}").InnerTextAsync());
            Assert.Contains(card.AccountId, await row.InnerTextAsync(), StringComparison.Ordinal);
        }

        Assert.Contains("insufficient_credit", await page.Locator("#reasons").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(int.Parse(await page.Locator("#approved").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 2);

        var screenshot = Path.Combine(ResultsDirectory(), "console.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot holds the page");
    }

    /// <summary>Debian's chromium: $CHROMIUM_PATH (deploy/local/test.sh sets it), else the package's path.</summary>
    private static string Chromium()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } set ? set : "/usr/bin/chromium";
        Assert.True(File.Exists(path), $"No chromium at {path}: run the tests with deploy/local/test.sh, which installs Debian's chromium (apt-get install chromium) when it is missing.");
        return path;
    }

    /// <summary>$TEST_RESULTS_DIR (deploy/local/test.sh and .ci/run set it), else artifacts/test-results of the repository.</summary>
    private static string ResultsDirectory()
    {
        var directory = Environment.GetEnvironmentVariable("TEST_RESULTS_DIR");
        if (string.IsNullOrEmpty(directory))
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "BaiTiaoSwitch.sln")))
            {
                root = root.Parent;
            }

            directory = Path.Combine(root?.FullName ?? AppContext.BaseDirectory, "artifacts", "test-results");
        }

        Directory.CreateDirectory(directory);
        return directory;
    }
}
