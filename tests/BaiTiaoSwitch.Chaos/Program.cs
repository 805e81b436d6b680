using System.Globalization;
using System.Text.Json.Nodes;
using BaiTiaoSwitch.Chaos;

// The load client of deploy/local/chaos.sh. See ChaosOptions.Usage.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(ChaosOptions.Usage);
    return 0;
}

ChaosOptions options;
try
{
    options = ChaosOptions.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"chaos: {exception.Message}{Environment.NewLine}{ChaosOptions.Usage}");
    return 2;
}

var channels = JsonNode.Parse(File.ReadAllText(options.ChannelsFile))!["channels"]!.AsArray()
    .Select(channel => (Id: channel!["id"]!.GetValue<string>(), Role: channel["role"]!.GetValue<string>(), Secret: channel["secret"]!.GetValue<string>()))
    .ToList();
var issuer = channels.First(channel => channel.Role == "issuer").Id;
var wallets = channels.Where(channel => channel.Role == "wallet").Select(channel => channel.Id).Take(2).ToList();
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency * 2 }) { BaseAddress = options.Gateway, Timeout = TimeSpan.FromSeconds(30) };
var api = new SignedApi(http, channels.ToDictionary(channel => channel.Id, channel => channel.Secret, StringComparer.Ordinal));
var retry = new SameKeyRetry(api);
var runId = "chaos" + options.Seed.ToString("x6", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6];

var setupDeadline = DateTimeOffset.UtcNow + options.SettleMax;
var setup = new LineSetup(retry, issuer, wallets, runId, options.CreditLimit);
var lines = new List<Line>();
for (var index = 0; index < options.Lines; index++)
{
    lines.Add(await setup.Open(index, setupDeadline));
}

Console.WriteLine($"chaos: {lines.Count} lines open (run {runId}; limits {string.Join(", ", lines.Select(line => line.CreditLimit))} fen), each card bound to {string.Join(" and ", wallets)}; load for {options.Duration.TotalMinutes:0.##} min with {options.Concurrency} wallets");
if (options.StartedFile is not null)
{
    await File.WriteAllTextAsync(options.StartedFile, runId);
}

var book = new Book();
var loadEnd = DateTimeOffset.UtcNow + options.Duration;
var workers = new LoadWorkers(retry, book, lines, runId, options.Seed);
await workers.Run(options.Concurrency, loadEnd, loadEnd + options.SettleMax);
var loadSeconds = (DateTimeOffset.UtcNow - loadEnd + options.Duration).TotalSeconds;
Console.WriteLine("chaos: load done; checking from the API");

var (loadRequests, loadAcknowledged) = (api.Requests, retry.Acknowledged);
var checks = await new FinalCheck(retry, issuer, options.Concurrency).Run(book, lines, DateTimeOffset.UtcNow + options.SettleMax);
long Status(int code) => api.Statuses.GetValueOrDefault(code);
var others = string.Join(", ", api.Statuses.Where(entry => entry.Key is not (0 or 200 or 201 or 202 or 503)).OrderBy(entry => entry.Key).Select(entry => $"{entry.Value}×{entry.Key}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"chaos: requests {loadRequests} (HTTP attempts of setup and load; {api.Requests - loadRequests} more to check), acknowledged {loadAcknowledged}, retried {retry.RetriedOperations}, 503s {Status(503)}, no answer {Status(0)}{(others.Length > 0 ? ", other " + others : "")}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"chaos: authorizations {workers.Approved + workers.Declined} ({workers.Approved} approved, {workers.Declined} declined) in {loadSeconds:F0} s, {(workers.Approved + workers.Declined) / loadSeconds:F1}/s"));
foreach (var check in checks)
{
    Console.WriteLine($"chaos: {(check.Passed ? "PASS" : "FAIL")} {check.Name}: {check.Detail}");
}

var violations = checks.Count(check => !check.Passed);
Console.WriteLine($"chaos: violations {violations}");
if (options.ResultsFile is not null)
{
    await File.AppendAllLinesAsync(options.ResultsFile, checks.Select(check => $"{(check.Passed ? "PASS" : "FAIL")}|{check.Name}|{check.Detail.ReplaceLineEndings(" ")}"));
}

return violations == 0 ? 0 : 1;
