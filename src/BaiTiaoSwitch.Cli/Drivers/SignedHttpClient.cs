using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BaiTiaoSwitch.Cli.Drivers;

/// <summary>
/// Sends requests signed as API.md says: <c>X-BTS-Signature = base64(HMAC-SHA256(secret, method \n pathAndQuery \n
/// timestamp \n nonce \n lowercaseHex(SHA256(body))))</c>, with an <c>Idempotency-Key</c> on every mutating request.
/// Written from the contract, not from the gateway's code, so the demo also checks the gateway against the contract.
/// </summary>
public sealed class SignedHttpClient(HttpClient http, DevelopmentChannels channels) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<T> SendAsync<T>(HttpMethod method, string pathAndQuery, string channel, string role, object? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var bytes = body is null ? [] : JsonSerializer.SerializeToUtf8Bytes(body, Json);
        using var request = new HttpRequestMessage(method, pathAndQuery);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var nonce = Guid.NewGuid().ToString("N");
        var signature = Sign(channels.Key(channel, role), method.Method, pathAndQuery, timestamp, nonce, bytes);
        request.Headers.Add("X-BTS-Channel", channel);
        request.Headers.Add("X-BTS-Timestamp", timestamp);
        request.Headers.Add("X-BTS-Nonce", nonce);
        request.Headers.Add("X-BTS-Signature", signature);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (method != HttpMethod.Get)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new SwitchStepException("gateway_unreachable",
                $"Could not reach the gateway at {http.BaseAddress}: {exception.Message}. Is it running? Start it with deploy/local/run.sh.", exception);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw Problem(method, pathAndQuery, response.StatusCode, text);
            }

            return JsonSerializer.Deserialize<T>(text, Json)
                ?? throw new SwitchStepException("unexpected_response", $"{method} {PathOnly(pathAndQuery)} answered {(int)response.StatusCode} with an empty body.");
        }
    }

    public static string Sign(byte[] key, string method, string pathAndQuery, string timestamp, string nonce, byte[] body)
    {
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(body));
        var message = Encoding.UTF8.GetBytes($"{method}\n{pathAndQuery}\n{timestamp}\n{nonce}\n{bodyHash}");
        return Convert.ToBase64String(HMACSHA256.HashData(key, message));
    }

    public void Dispose() => http.Dispose();

    private static SwitchStepException Problem(HttpMethod method, string pathAndQuery, HttpStatusCode status, string text)
    {
        string code = "http_" + (int)status, detail = "";
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.TryGetProperty("code", out var value) && value.ValueKind == JsonValueKind.String)
            {
                code = value.GetString()!;
            }

            if (document.RootElement.TryGetProperty("detail", out var explanation) && explanation.ValueKind == JsonValueKind.String)
            {
                detail = ": " + explanation.GetString();
            }
        }
        catch (JsonException)
        {
            // Not a problem document (e.g. a proxy's error page); the status code is all there is to say.
        }

        return new SwitchStepException(code, $"{method} {PathOnly(pathAndQuery)} answered {(int)status} {code}{detail}");
    }

    // The query may hold a phone number; messages show the path only.
    private static string PathOnly(string pathAndQuery) => pathAndQuery.Split('?')[0];
}
