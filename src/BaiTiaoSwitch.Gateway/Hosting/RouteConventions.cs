using BaiTiaoSwitch.Gateway.Idempotency;
using BaiTiaoSwitch.Gateway.Problems;

namespace BaiTiaoSwitch.Gateway.Hosting;

/// <summary>The error codes a route may answer with besides the ones every signed route has. The OpenAPI document lists them.</summary>
public sealed record ErrorCodesMetadata(IReadOnlyList<string> Codes);

/// <summary>How every concept's routes are declared: under <c>/v1</c>, their error codes, and whether their answers are recorded.</summary>
public static class RouteConventions
{
    /// <summary>The signed API: every route under <c>/v1</c>, with thrown errors turned into problems.</summary>
    public static RouteGroupBuilder MapV1(this IEndpointRouteBuilder app, string tag) =>
        app.MapGroup("/v1").AddEndpointFilter<ProblemFilter>().WithTags(tag);

    public static RouteHandlerBuilder Errors(this RouteHandlerBuilder builder, params string[] codes) =>
        builder.WithMetadata(new ErrorCodesMetadata(codes));

    /// <summary>Records the route's answers under its Idempotency-Key (see <see cref="RecordedIdempotencyFilter"/>).</summary>
    public static RouteHandlerBuilder Recorded(this RouteHandlerBuilder builder, System.Text.Json.Serialization.Metadata.JsonTypeInfo body) =>
        builder.WithMetadata(new RecordedIdempotencyMetadata(body)).AddEndpointFilter<RecordedIdempotencyFilter>();
}
