using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Azure.Data.Tables;
using BaiTiaoSwitch.Gateway.Accounts;
using BaiTiaoSwitch.Gateway.Benchmarks;
using BaiTiaoSwitch.Gateway.Bindings;
using BaiTiaoSwitch.Gateway.Cards;
using BaiTiaoSwitch.Gateway.Grants;
using BaiTiaoSwitch.Gateway.Health;
using BaiTiaoSwitch.Gateway.Hosting;
using BaiTiaoSwitch.Gateway.Payments;
using BaiTiaoSwitch.Gateway.Sandbox;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.HttpEdge.Hosting;
using BaiTiaoSwitch.Testing;
using Orleans.Configuration;

// Signed HTTP authorizations over loopback: one silo on a private in-memory Azurite, the gateway on Kestrel, and a
// load client, all in this process on this machine (run it from the repository, which has node_modules/.bin/azurite).
// Usage: dotnet run -c Release --project tests/BaiTiaoSwitch.Gateway.Benchmarks --
//   [--seconds 15] [--concurrency 64] [--lines 1] [--mode authorize|get|sdk|health]
// Modes: authorize = POST /v1/authorizations (the figure); get = signed GET /v1/grants/{id} (edge + one grain read);
// sdk = the same authorization through the .NET SDK, no HTTP (the core's share); health = unsigned GET (HTTP stack).
var seconds = Arg("--seconds", 15);
var concurrency = Arg("--concurrency", 64);
var lines = Arg("--lines", 1);
var mode = Environment.GetCommandLineArgs().SkipWhile(arg => arg != "--mode").Skip(1).FirstOrDefault() ?? "authorize";
var serviceId = "bts-httpbench-" + Guid.NewGuid().ToString("N")[..8];
await using var azurite = await PrivateAzurite.StartAsync(inMemory: true);
var Storage = azurite.ConnectionString;
var secrets = new Dictionary<string, string>
{
    ["alipay"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)),
    ["wechatpay"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)),
    ["issuer"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)),
};
var credentials = secrets.Keys.ToDictionary(
    id => id,
    id => new BaiTiaoSwitch.CallerCredential(id, id == "issuer" ? BaiTiaoSwitch.ChannelRole.Issuer : BaiTiaoSwitch.ChannelRole.Wallet, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

var siloBuilder = Host.CreateApplicationBuilder();
siloBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
siloBuilder.UseOrleans(silo =>
{
    silo.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (serviceId, serviceId));
    silo.ConfigureEndpoints(IPAddress.Loopback, 21111, 31000);
    silo.UseAzureStorageClustering(options => (options.TableServiceClient, options.TableName) = (new TableServiceClient(Storage), "btscluster"));
    silo.AddBaiTiaoSwitchAzureStorage(storage => storage.Configure(options => options.ConnectionString = Storage));
    silo.AddBaiTiaoSwitch(
        _ => { },
        keys => keys.Configure(options =>
        {
            options.ActiveKeyId = "bench";
            options.EncryptionKeys["bench"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            options.LookupKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }),
        callers => callers.Configure(options => options.Callers.AddRange(credentials.Values)));
    silo.AddBaiTiaoSwitchHttpEdge();
    silo.AddBaiTiaoSwitchSandboxOtpOutbox();
});
using var siloHost = siloBuilder.Build();
await siloHost.StartAsync();

// Loopback in one process, like the local run: the cluster link is plaintext, which only Development allows.
var gatewayBuilder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
gatewayBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
var settings = new Dictionary<string, string?>
{
    ["Gateway:Mode"] = "Sandbox",
    ["Cluster:ServiceId"] = serviceId,
    ["Cluster:ClusterId"] = serviceId,
    ["Cluster:StorageConnectionString"] = Storage,
};
var index = 0;
foreach (var (id, secret) in secrets)
{
    settings[$"Gateway:Channels:{index}:Id"] = id;
    settings[$"Gateway:Channels:{index}:Role"] = id == "issuer" ? "Issuer" : "Wallet";
    settings[$"Gateway:Channels:{index}:ClusterKey"] = credentials[id].Key;
    settings[$"Gateway:Channels:{index++}:Secret"] = secret;
}

gatewayBuilder.Configuration.AddInMemoryCollection(settings);
gatewayBuilder.AddBaiTiaoSwitchGateway();
gatewayBuilder.WebHost.UseUrls("http://127.0.0.1:5099");
await using var gateway = gatewayBuilder.Build();
gateway.UseBaiTiaoSwitchGateway();
gateway.MapAccountsApi();
gateway.MapCardsApi();
gateway.MapGrantsApi();
gateway.MapBindingsApi();
gateway.MapPaymentsApi();
gateway.MapSandboxApi();
gateway.MapHealthApi();
await gateway.StartAsync();

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = new Uri("http://127.0.0.1:5099"),
};
var issuer = new LoadClient(http, "issuer", secrets["issuer"]);
var wallets = new[] { new LoadClient(http, "alipay", secrets["alipay"]), new LoadClient(http, "wechatpay", secrets["wechatpay"]) };

// Setup through the API itself: open lines, issue cards, bind each card to both wallets with the sandbox OTP.
var grants = new List<(LoadClient Wallet, string GrantId)>();
for (var line = 0; line < lines; line++)
{
    var accountId = $"bench-{serviceId[^8..]}-{line}";
    var phone = "139" + (10_000_000 + line).ToString(CultureInfo.InvariantCulture);
    var holder = $"{{\"name\":\"Bench\",\"idNumber\":\"11010119900101{line:D4}\",\"phone\":\"{phone}\"}}";
    await issuer.Expect(HttpMethod.Post, "/v1/accounts", $"{{\"accountId\":\"{accountId}\",\"holder\":{holder},\"creditLimit\":{{\"amount\":1000000000000,\"currency\":\"CNY\"}},\"creditScore\":800}}", 201);
    var card = await issuer.Expect(HttpMethod.Post, $"/v1/accounts/{accountId}/cards", "{}", 201);
    foreach (var wallet in wallets)
    {
        var started = await wallet.Expect(HttpMethod.Post, "/v1/bindings", $"{{\"cardNumber\":\"{card["cardNumber"]}\",\"holder\":{holder}}}", 202);
        var grantId = started["grantId"]!.GetValue<string>();
        var otp = (await issuer.Expect(HttpMethod.Get, "/v1/sandbox/otp?phone=" + phone, null, 200))["otp"]!.GetValue<string>();
        await wallet.Expect(HttpMethod.Post, $"/v1/bindings/{grantId}/verify", $"{{\"otp\":\"{otp}\"}}", 200);
        grants.Add((wallet, grantId));
    }
}

async Task<(long Count, long Approved, long Errors, List<double> Latencies)> Run(TimeSpan duration)
{
    long count = 0, approved = 0, errors = 0;
    var latencies = new List<double>[concurrency];
    var stop = Stopwatch.StartNew();
    await Parallel.ForAsync(0, concurrency, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (worker, _) =>
    {
        var mine = latencies[worker] = new List<double>(1 << 16);
        var random = new Random(worker);
        while (stop.Elapsed < duration)
        {
            var (wallet, grantId) = grants[random.Next(grants.Count)];
            var started = Stopwatch.GetTimestamp();
            var (status, body) = mode switch
            {
                "sdk" => await Sdk(wallet.Channel, grantId),
                "health" => ((int)(await http.GetAsync("/health/live")).StatusCode, null),
                "get" => await wallet.Send(HttpMethod.Get, $"/v1/grants/{grantId}", null, mutating: false),
                _ => await wallet.Send(HttpMethod.Post, "/v1/authorizations",
                    $"{{\"grantId\":\"{grantId}\",\"amount\":{{\"amount\":100,\"currency\":\"CNY\"}},\"merchant\":{{\"id\":\"m-1\",\"name\":\"Shop\",\"mcc\":\"5411\",\"country\":\"CN\"}}}}", mutating: true),
            };
            mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Interlocked.Increment(ref count);
            if (status != 200)
            {
                Interlocked.Increment(ref errors);
            }
            else if (body?["decision"]?.GetValue<string>() == "approved")
            {
                Interlocked.Increment(ref approved);
            }
        }
    });
    return (count, approved, errors, latencies.SelectMany(list => list).Order().ToList());
}

var sdk = gateway.Services.GetRequiredService<BaiTiaoSwitch.Client.BaiTiaoSwitchClient>();
async Task<(int, System.Text.Json.Nodes.JsonNode?)> Sdk(string channel, string grantId)
{
    var authorization = await sdk.As(credentials[channel]).AuthorizeAsync(new BaiTiaoSwitch.Payments.AuthorizeRequest(grantId, null, BaiTiaoSwitch.Money.Fen(100), new BaiTiaoSwitch.Payments.Merchant("m-1", "Shop", "5411", "CN")));
    return (200, new System.Text.Json.Nodes.JsonObject { ["decision"] = authorization.IsApproved ? "approved" : "declined" });
}

await Run(TimeSpan.FromSeconds(3));
var measured = Stopwatch.StartNew();
var (total, approvedCount, errorCount, sorted) = await Run(TimeSpan.FromSeconds(seconds));
var elapsed = measured.Elapsed.TotalSeconds;
double Percentile(double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
Console.WriteLine($"mode {mode}; signed HTTP authorizations over loopback: {lines} line(s), {grants.Count} grants, {concurrency} concurrent callers, {seconds} s");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {total / elapsed:F0} auth/s ({total} requests, {approvedCount} approved, {errorCount} not 200)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  latency p50 {Percentile(0.50):F2} ms, p99 {Percentile(0.99):F2} ms, p999 {Percentile(0.999):F2} ms"));

await gateway.StopAsync();
await siloHost.StopAsync();

static int Arg(string name, int fallback)
{
    var args = Environment.GetCommandLineArgs();
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
