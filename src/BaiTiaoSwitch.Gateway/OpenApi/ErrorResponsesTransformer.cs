using System.Globalization;
using BaiTiaoSwitch.Gateway.Hosting;
using BaiTiaoSwitch.Gateway.Problems;
using BaiTiaoSwitch.Gateway.Signing;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BaiTiaoSwitch.Gateway.OpenApi;

/// <summary>
/// Adds to every signed operation its problem answers, grouped by status, each listing its codes; the signature
/// requirement; and the Idempotency-Key header on mutating operations.
/// </summary>
internal sealed class ErrorResponsesTransformer : IOpenApiOperationTransformer
{
    private static readonly string[] SignedCodes = [ErrorCodes.Unauthenticated, ErrorCodes.Forbidden, GatewayErrorCodes.Unavailable, GatewayErrorCodes.InternalError];
    private static readonly string[] BodyCodes = [ErrorCodes.InvalidRequest, GatewayErrorCodes.BodyTooLarge, GatewayErrorCodes.IdempotencyKeyInvalid, GatewayErrorCodes.IdempotencyKeyInUse];

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var role = metadata.OfType<ChannelRoleMetadata>().FirstOrDefault();
        if (role is null)
        {
            return;
        }

        var method = context.Description.HttpMethod ?? "GET";
        var mutating = method is "POST" or "PUT" or "DELETE";
        var codes = new List<string>(SignedCodes);
        if (mutating)
        {
            codes.AddRange(BodyCodes);
        }
        else
        {
            codes.Add(ErrorCodes.InvalidRequest);
        }

        codes.AddRange(metadata.OfType<ErrorCodesMetadata>().SelectMany(errors => errors.Codes));
        var problemSchema = await context.GetOrCreateSchemaAsync(typeof(Problem), null, cancellationToken);
        operation.Responses ??= new OpenApiResponses();
        foreach (var group in codes.Distinct(StringComparer.Ordinal).Select(ErrorCatalog.Get).GroupBy(info => info.Status).OrderBy(group => group.Key))
        {
            var listed = string.Join(", ", group.Select(info => $"`{info.Code}`"));
            operation.Responses[group.Key.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = $"Problem with code {listed}. " + string.Join(" ", group.Select(info => $"{info.Code}: {info.Description}")),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ApiProblems.ContentType] = new OpenApiMediaType { Schema = problemSchema },
                },
            };
        }

        operation.Description = $"Role: {(role.Role == ChannelRole.Issuer ? "issuer" : "wallet")}. " + (operation.Description ?? "");
        operation.Security ??= [];
        var requirement = new OpenApiSecurityRequirement();
        foreach (var header in ApiDocumentTransformer.SignedHeaders)
        {
            requirement[new OpenApiSecuritySchemeReference(header, context.Document)] = [];
        }

        operation.Security.Add(requirement);
        if (mutating)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "Idempotency-Key",
                In = ParameterLocation.Header,
                Required = true,
                Description = "The caller's request id. The same key and request again returns the original answer; kept 48 hours.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[A-Za-z0-9_-]{1,64}$", MaxLength = 64 },
            });
        }
    }
}
