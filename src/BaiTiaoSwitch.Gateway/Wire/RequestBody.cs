using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using BaiTiaoSwitch.Gateway.Signing;

namespace BaiTiaoSwitch.Gateway.Wire;

/// <summary>Reads the verified body of a request, strictly. A bad body is <c>400 invalid_request</c> and nothing runs.</summary>
public static partial class RequestBody
{
    public static T Read<T>(HttpContext context, JsonTypeInfo<T> type)
        where T : class, new()
    {
        var body = context.Signed().Body;
        if (body.IsEmpty && typeof(T) == typeof(EmptyBody))
        {
            return new T();
        }

        try
        {
            return JsonSerializer.Deserialize(body.Span, type)
                ?? throw new InvalidRequestException(ErrorCodes.InvalidRequest, "The body must be a JSON object.");
        }
        catch (JsonException exception)
        {
            // Only a path made of field names is told; a value, or a field name the caller invented with digits, never is.
            throw Invalid(exception);
        }
    }

    /// <summary>Parses the body as <paramref name="type"/> only to check it; throws as <see cref="Read"/> does.</summary>
    public static void Check(HttpContext context, JsonTypeInfo type)
    {
        var body = context.Signed().Body;
        if (body.IsEmpty && type.Type == typeof(EmptyBody))
        {
            return;
        }

        try
        {
            _ = JsonSerializer.Deserialize(body.Span, type) ?? throw new InvalidRequestException(ErrorCodes.InvalidRequest, "The body must be a JSON object.");
        }
        catch (JsonException exception)
        {
            throw Invalid(exception);
        }
    }

    private static InvalidRequestException Invalid(JsonException exception)
    {
        var path = exception.Path is { } candidate && SafePath().IsMatch(candidate) ? $" (at {candidate})" : "";
        return new InvalidRequestException(ErrorCodes.InvalidRequest, $"The body is not valid for this route{path}: it must be JSON with only the documented fields, each of its documented type.");
    }

    [GeneratedRegex(@"^\$(\.[A-Za-z]{1,32})*$")]
    private static partial Regex SafePath();
}
