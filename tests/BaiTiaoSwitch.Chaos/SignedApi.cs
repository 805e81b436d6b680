using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace BaiTiaoSwitch.Chaos;

/// <summary>One HTTP answer: its status and JSON body (null when there was no answer at all: a transport error).</summary>
public sealed record Answer(int Status, JsonNode? Body, string Text)
{
    public string? Code => Body is JsonObject body && body["code"] is JsonValue code ? code.GetValue<string>() : null;

    public override string ToString() => Status == 0 ? Text : $"{Status} {Code ?? Text[..Math.Min(Text.Length, 200)]}";
}

/// <summary>
/// Signs each request as API.md says: X-BTS-Signature = base64(HMAC-SHA256(secret, method \n pathAndQuery \n timestamp
/// \n nonce \n lowercaseHex(SHA256(body)))), a fresh nonce per attempt, and the caller's Idempotency-Key. Counts every
/// attempt by status.
/// </summary>
public sealed class SignedApi(HttpClient http, IReadOnlyDictionary<string, string> secrets)
{
    private readonly ConcurrentDictionary<int, long> statuses = new();
    private long requests;

    public long Requests => Interlocked.Read(ref requests);

    /// <summary>Attempts by HTTP status; 0 counts attempts that got no answer (connection refused, reset, timeout).</summary>
    public IReadOnlyDictionary<int, long> Statuses => statuses;

    public async Task<Answer> Send(string channel, HttpMethod method, string pathAndQuery, JsonNode? body, string? idempotencyKey)
    {
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body.ToJsonString());
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Guid.NewGuid().ToString("N");
        var text = $"{method.Method}\n{pathAndQuery}\n{timestamp}\n{nonce}\n{Convert.ToHexStringLower(SHA256.HashData(bytes))}";
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (method != HttpMethod.Get)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        request.Headers.Add("X-BTS-Channel", channel);
        request.Headers.Add("X-BTS-Timestamp", timestamp);
        request.Headers.Add("X-BTS-Nonce", nonce);
        request.Headers.Add("X-BTS-Signature", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secrets[channel]), Encoding.UTF8.GetBytes(text))));
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        Interlocked.Increment(ref requests);
        try
        {
            using var response = await http.SendAsync(request);
            var content = await response.Content.ReadAsStringAsync();
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, count) => count + 1);
            return new Answer((int)response.StatusCode, Parse(content), content);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            statuses.AddOrUpdate(0, 1, (_, count) => count + 1);
            return new Answer(0, null, $"no answer: {exception.GetType().Name}: {exception.Message}");
        }
    }

    private static JsonNode? Parse(string content)
    {
        try
        {
            return content.Length == 0 ? null : JsonNode.Parse(content);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
