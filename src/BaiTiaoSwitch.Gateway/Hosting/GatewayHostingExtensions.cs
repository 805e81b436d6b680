using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Gateway.Channels;
using BaiTiaoSwitch.Gateway.OpenApi;
using BaiTiaoSwitch.Gateway.OperatorsConsole;
using BaiTiaoSwitch.Gateway.Signing;
using BaiTiaoSwitch.Gateway.Wire;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Gateway.Hosting;

public static class GatewayHostingExtensions
{
    /// <summary>
    /// The gateway's services: options (section <c>Gateway</c>, validated at start), the cluster client (section
    /// <c>Cluster</c>: ServiceId, ClusterId, StorageConnectionString, StorageNamePrefix, Tls), channels, strict
    /// source-generated JSON, OpenAPI, and logging that never records a request's target (its query may hold a phone).
    /// The SDK client has no caller of its own: each request acts, through the SDK, as the channel that signed it.
    /// </summary>
    public static WebApplicationBuilder AddBaiTiaoSwitchGateway(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GatewayOptions>().BindConfiguration("Gateway").ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<GatewayOptions>, GatewayOptionsSetup>();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddBaiTiaoSwitchClient(client => client.BindConfiguration("Cluster"));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ChannelRegistry>();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, GatewayJson.Default);
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddOpenApi("v1", openApi =>
        {
            openApi.AddDocumentTransformer<ApiDocumentTransformer>();
            openApi.AddOperationTransformer<ErrorResponsesTransformer>();
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
        });

        // Request targets can carry a phone (GET /v1/sandbox/otp?phone=...): the hosting and routing logs that
        // print them are kept at Warning, whatever the configuration says.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Warning);
        builder.AddOperatorsEdge();
        return builder;
    }

    /// <summary>
    /// The request pipeline: the operators' edge (its door, and the console's relay into the API), routing, then the
    /// signed-request edge, then the OpenAPI document, /metrics and the console.
    /// </summary>
    public static WebApplication UseBaiTiaoSwitchGateway(this WebApplication app)
    {
        app.UseOperatorsEdge();
        app.UseRouting();
        app.UseMiddleware<SignedRequestMiddleware>();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapOperatorsEdge();
        return app;
    }
}
