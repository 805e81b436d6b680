using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using BaiTiaoSwitch.Silo;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace BaiTiaoSwitch.Tests.Hosting;

/// <summary>
/// The Orleans Dashboard as the silo host mounts it (<see cref="SiloProgram"/>: <see cref="SiloHostingExtensions.DashboardPath"/>
/// on <c>Silo:HttpPort</c>, behind the operators' door): a real silo host in the Development environment (the local
/// run), with its own cluster id, service id and storage names so it shares nothing with the other tests' clusters.
/// </summary>
public sealed class SiloDashboardTests
{
    private static readonly string Credential = "dashboard-test-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task The_silo_hosts_dashboard_is_open_on_loopback_locally_shows_grain_stats_and_wants_the_credential_from_anywhere_else()
    {
        Azurite.EnsureRunning();
        var (httpPort, siloPort, gatewayPort) = (FreePort(), FreePort(), FreePort());
        var unique = Guid.NewGuid().ToString("N")[..10];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = Repository.PathOf("src", "BaiTiaoSwitch.Silo"),
            EnvironmentName = "Development",
            ApplicationName = typeof(SiloProgram).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BaiTiaoSwitch:Silo:ClusterId"] = "dashboard-" + unique,
            ["BaiTiaoSwitch:Silo:ServiceId"] = "dashboard-" + unique,
            ["BaiTiaoSwitch:Silo:HttpPort"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BaiTiaoSwitch:Silo:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BaiTiaoSwitch:Silo:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BaiTiaoSwitch:Storage:ConnectionString"] = Azurite.ConnectionString,
            ["BaiTiaoSwitch:Storage:NamePrefix"] = "dash" + string.Concat(unique.Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16)))),
            ["Operator:Credential"] = Credential,
        });
        builder.AddBaiTiaoSwitchSilo();
        await using var app = builder.Build();
        app.UseBaiTiaoSwitchSiloOperations();
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };

            // Locally (loopback, the local run): the page and its JSON, no sign-in.
            using var page = await http.GetAsync(SiloHostingExtensions.DashboardPath + "/index.html");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            var counters = await GrainStats(http);
            Assert.True(counters.GetProperty("totalActiveHostCount").GetInt32() >= 1, counters.ToString());
            Assert.NotEmpty(counters.GetProperty("simpleGrainStats").EnumerateArray());

            // From anywhere else (here: a request a proxy forwarded, as production's are), only with the credential.
            foreach (var path in new[] { "/index.html", "/DashboardCounters" })
            {
                using var refused = await Send(http, SiloHostingExtensions.DashboardPath + path, null);
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
                using var wrong = await Send(http, SiloHostingExtensions.DashboardPath + path, Basic("wrong-" + Credential));
                Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
                using var admitted = await Send(http, SiloHostingExtensions.DashboardPath + path, Basic(Credential));
                Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
            }
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>
    /// The dashboard's counters once it has collected grain stats. It collects on its own one-second timer, which no
    /// test clock drives and which says nothing when it runs: so each look waits one collection period.
    /// </summary>
    private static async Task<JsonElement> GrainStats(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            using var answer = await http.GetAsync(SiloHostingExtensions.DashboardPath + "/DashboardCounters");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
            var counters = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone();
            if (counters.GetProperty("simpleGrainStats").GetArrayLength() > 0 || DateTime.UtcNow > deadline)
            {
                return counters;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static async Task<HttpResponseMessage> Send(HttpClient http, string path, AuthenticationHeaderValue? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Authorization = authorization;
        return await http.SendAsync(request);
    }

    private static AuthenticationHeaderValue Basic(string credential) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:" + credential)));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
