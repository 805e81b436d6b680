using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BaiTiaoSwitch.Gateway.Tests.Infrastructure;

/// <summary>
/// A wallet's or issuer's HTTP client written from API.md alone (it shares no code with the gateway):
/// signature = base64(HMAC-SHA256(secret, method \n pathAndQuery \n timestamp \n nonce \n hex(SHA256(body)))).
/// </summary>
public sealed class SignedClient(HttpClient http, string channel, string secret, Func<DateTimeOffset> now)
{
    public string Channel => channel;

    public Task<ApiResponse> Get(string pathAndQuery) => Send(HttpMethod.Get, pathAndQuery, null, null);

    public Task<ApiResponse> Post(string path, object? body, string? idempotencyKey = "auto") => Send(HttpMethod.Post, path, Json(body), idempotencyKey);

    public Task<ApiResponse> Put(string path, object? body, string? idempotencyKey = "auto") => Send(HttpMethod.Put, path, Json(body), idempotencyKey);

    public Task<ApiResponse> Delete(string path, string? idempotencyKey = "auto") => Send(HttpMethod.Delete, path, null, idempotencyKey);

    public static string NewKey() => "k" + Guid.NewGuid().ToString("N");

    public static string NewNonce() => Guid.NewGuid().ToString("N");

    /// <summary>Sends raw bytes with every header under the caller's control, for the negative and fuzz tests.</summary>
    public async Task<ApiResponse> Send(HttpMethod method, string pathAndQuery, byte[]? body, string? idempotencyKey, Action<HttpRequestMessage>? tamper = null, string? nonce = null, long? timestamp = null)
    {
        using var request = Sign(method, pathAndQuery, body, idempotencyKey, nonce, timestamp);
        tamper?.Invoke(request);
        using var response = await http.SendAsync(request);
        return await ApiResponse.Read(response);
    }

    public HttpRequestMessage Sign(HttpMethod method, string pathAndQuery, byte[]? body, string? idempotencyKey, string? nonce = null, long? timestamp = null)
    {
        body ??= [];
        var ts = (timestamp ?? now().ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        nonce ??= NewNonce();
        var request = new HttpRequestMessage(method, pathAndQuery);
        if (body.Length > 0 || method != HttpMethod.Get)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        var bodyHash = Convert.ToHexString(SHA256.HashData(body)).ToLowerInvariant();
        var text = method.Method + "\n" + pathAndQuery + "\n" + ts + "\n" + nonce + "\n" + bodyHash;
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(text)));
        request.Headers.Add("X-BTS-Channel", channel);
        request.Headers.Add("X-BTS-Timestamp", ts);
        request.Headers.Add("X-BTS-Nonce", nonce);
        request.Headers.Add("X-BTS-Signature", signature);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey == "auto" ? NewKey() : idempotencyKey);
        }

        return request;
    }

    public static byte[]? Json(object? body) => body switch
    {
        null => null,
        byte[] bytes => bytes,
        string text => Encoding.UTF8.GetBytes(text),
        JsonNode node => Encoding.UTF8.GetBytes(node.ToJsonString()),
        _ => JsonSerializer.SerializeToUtf8Bytes(body, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
    };
}

/// <summary>An answer: status, content type and the parsed JSON body (if any).</summary>
public sealed record ApiResponse(int Status, string? ContentType, string Text, JsonNode? Body)
{
    public static async Task<ApiResponse> Read(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        try
        {
            body = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
        }

        return new ApiResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, body);
    }

    public string? Code => Body?["code"]?.GetValue<string>();

    public string Str(string name) => Body?[name]?.GetValue<string>() ?? throw new InvalidOperationException($"No '{name}' in {Status}: {Text}");

    public long Amount(string name) => Body![name]!["amount"]!.GetValue<long>();

    public override string ToString() => $"{Status} {Text}";
}
