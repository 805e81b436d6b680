namespace BaiTiaoSwitch.Gateway.Api;

/// <summary>The error codes a route may answer with besides the ones every signed route has. The OpenAPI document lists them.</summary>
public sealed record ErrorCodesMetadata(IReadOnlyList<string> Codes);

/// <summary>
/// Marks a route whose answers are recorded under its Idempotency-Key by the edge (see RecordedIdempotencyFilter).
/// <see cref="Body"/> is the route's body type: a request whose ids or body do not even parse is refused before its
/// key is claimed, so malformed requests never reach the record store.
/// </summary>
public sealed record RecordedIdempotencyMetadata(System.Text.Json.Serialization.Metadata.JsonTypeInfo Body);

public static class ApiConventions
{
    /// <summary>The signed API: every route under <c>/v1</c>, with thrown errors turned into problems.</summary>
    public static RouteGroupBuilder MapV1(this IEndpointRouteBuilder app, string tag) =>
        app.MapGroup("/v1").AddEndpointFilter<ProblemFilter>().WithTags(tag);

    public static RouteHandlerBuilder Errors(this RouteHandlerBuilder builder, params string[] codes) =>
        builder.WithMetadata(new ErrorCodesMetadata(codes));

    public static RouteHandlerBuilder Recorded(this RouteHandlerBuilder builder, System.Text.Json.Serialization.Metadata.JsonTypeInfo body) =>
        builder.WithMetadata(new RecordedIdempotencyMetadata(body)).AddEndpointFilter<Idempotency.RecordedIdempotencyFilter>();
}
