using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace BaiTiaoSwitch.Gateway.Benchmarks;

/// <summary>Signs requests as API.md says, on its own (it shares no code with the gateway), and sends them over loopback.</summary>
public sealed class LoadClient(HttpClient http, string channel, string secret)
{
    private readonly byte[] key = Encoding.UTF8.GetBytes(secret);

    public string Channel => channel;

    public async Task<(int Status, JsonNode? Body)> Send(HttpMethod method, string path, string? json, bool mutating)
    {
        var body = json is null ? [] : Encoding.UTF8.GetBytes(json);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Guid.NewGuid().ToString("N");
        var text = $"{method.Method}\n{path}\n{timestamp}\n{nonce}\n{Convert.ToHexStringLower(SHA256.HashData(body))}";
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        request.Headers.Add("X-BTS-Channel", channel);
        request.Headers.Add("X-BTS-Timestamp", timestamp);
        request.Headers.Add("X-BTS-Nonce", nonce);
        request.Headers.Add("X-BTS-Signature", Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text))));
        if (mutating)
        {
            request.Headers.Add("Idempotency-Key", "b" + nonce);
        }

        using var response = await http.SendAsync(request);
        var content = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, content.Length == 0 ? null : JsonNode.Parse(content));
    }

    public async Task<JsonNode> Expect(HttpMethod method, string path, string? json, int status)
    {
        var (actual, body) = await Send(method, path, json, method != HttpMethod.Get);
        return actual == status ? body! : throw new InvalidOperationException($"{method} {path} answered {actual}: {body?.ToJsonString()}");
    }
}
