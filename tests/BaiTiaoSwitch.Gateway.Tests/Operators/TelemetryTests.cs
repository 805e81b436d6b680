using System.Diagnostics;
using System.Net;
using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using BaiTiaoSwitch.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Operators;

/// <summary>
/// OpenTelemetry end to end on the real gateway and 2-silo cluster: the switch's metrics come from where things happen,
/// and one trace follows a payment from the HTTP request through the SDK into the router and the account grain.
/// Collected with OpenTelemetry's in-memory exporter.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class TelemetryTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_payment_records_decisions_by_reason_latency_batch_sizes_and_storage_writes()
    {
        var card = await Flows.OpenCard(fixture, limit: 10_000);
        var (grantId, _) = await Flows.Bind(fixture, fixture.Alipay, card);
        var exported = new List<MetricSnapshot>();
        using (var meters = Sdk.CreateMeterProviderBuilder().AddMeter(SwitchMetrics.MeterName).AddInMemoryExporter(exported).Build())
        {
            var approved = await Flows.Authorize(fixture.Alipay, grantId, 6_000);
            Assert.Equal("approved", approved.Str("decision"));
            var declined = await Flows.Authorize(fixture.Alipay, grantId, 6_000);
            Assert.Equal("insufficient_credit", declined.Str("reason"));
            meters.ForceFlush();
        }

        // Cumulative totals since the provider started: the last export of each instrument has them all.
        var metrics = exported.GroupBy(metric => metric.Name).Select(exports => exports.Last()).ToList();

        Assert.Equal(1, Sum(metrics, "bts.decisions", ("decision", "approved"), ("reason", "none")));
        Assert.Equal(1, Sum(metrics, "bts.decisions", ("decision", "declined"), ("reason", "insufficient_credit")));
        Assert.Equal(2, HistogramCount(metrics, "bts.authorization.duration"));
        Assert.True(HistogramCount(metrics, "bts.batch.size", ("batch", "line_entry")) >= 2, "each authorization went into a line entry");
        Assert.True(HistogramCount(metrics, "bts.storage.write.duration", ("store", "commit_log"), ("outcome", "ok")) >= 1, "the commit log was written");
        Assert.True(HistogramCount(metrics, "bts.storage.write.duration", ("store", "request_keys"), ("outcome", "ok")) >= 1, "the keys were claimed");
    }

    [Fact]
    public async Task One_trace_follows_a_payment_from_the_gateway_through_the_router_to_the_account()
    {
        var card = await Flows.OpenCard(fixture);
        var (_, walletToken) = await Flows.Bind(fixture, fixture.Alipay, card);
        var spans = new List<Activity>();
        var traceId = ActivityTraceId.CreateRandom();
        var parent = ActivitySpanId.CreateRandom();
        using (var traces = Sdk.CreateTracerProviderBuilder()
            .AddSource("Microsoft.AspNetCore", "Microsoft.Orleans.Application")
            .SetSampler(new AlwaysOnSampler())
            .AddInMemoryExporter(spans)
            .Build())
        {
            // The wallet's own trace: the gateway continues it (W3C traceparent). By wallet token, the payment goes through
            // the router (by grant id the gateway's SDK would go straight to the account: it learned the route at binding).
            var body = SignedClient.Json(new { walletToken, amount = new { amount = 1_000, currency = "CNY" }, merchant = Flows.Merchant });
            var answer = await fixture.Alipay.Send(HttpMethod.Post, "/v1/authorizations", body, "auto",
                request => request.Headers.Add("traceparent", $"00-{traceId}-{parent}-01"));
            Assert.True(answer.Status == (int)HttpStatusCode.Created || answer.Status == (int)HttpStatusCode.OK, answer.ToString());
            traces.ForceFlush();
        }

        var trace = spans.Where(span => span.TraceId == traceId).ToList();
        var request = Assert.Single(trace, span => span.Source.Name == "Microsoft.AspNetCore" && span.Kind == ActivityKind.Server);
        Assert.Equal(parent, request.ParentSpanId);
        Assert.Contains(trace, span => span.Kind == ActivityKind.Client && span.DisplayName.Contains("IPaymentRouterGrain/Authorize", StringComparison.Ordinal));
        Assert.Contains(trace, span => span.Kind == ActivityKind.Server && span.DisplayName.Contains("IPaymentRouterGrain/Authorize", StringComparison.Ordinal));
        var account = Assert.Single(trace, span => span.Kind == ActivityKind.Server && span.DisplayName.Contains("ICreditAccountGrain/Authorize", StringComparison.Ordinal));

        // The account's span hangs under the gateway's request, through the SDK's client span: one tree, not three traces.
        var byId = trace.ToDictionary(span => span.SpanId);
        var ancestor = account;
        while (ancestor.ParentSpanId != default && byId.TryGetValue(ancestor.ParentSpanId, out var up))
        {
            ancestor = up;
        }

        Assert.Same(request, ancestor);
    }

    private static long Sum(List<MetricSnapshot> metrics, string name, params (string Key, string Value)[] tags) =>
        Points(metrics, name, tags).Sum(point => point.GetSumLong());

    private static long HistogramCount(List<MetricSnapshot> metrics, string name, params (string Key, string Value)[] tags) =>
        Points(metrics, name, tags).Sum(point => point.GetHistogramCount());

    private static IEnumerable<MetricPoint> Points(List<MetricSnapshot> metrics, string name, (string Key, string Value)[] tags)
    {
        foreach (var metric in metrics.Where(metric => metric.Name == name))
        {
            foreach (var point in metric.MetricPoints)
            {
                var has = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var tag in point.Tags)
                {
                    has[tag.Key] = tag.Value?.ToString();
                }

                if (tags.All(tag => has.TryGetValue(tag.Key, out var value) && value == tag.Value))
                {
                    yield return point;
                }
            }
        }
    }
}
