using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using BaiTiaoSwitch.HttpEdge;
using BaiTiaoSwitch.HttpEdge.Idempotency;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Edge;

/// <summary>Issue 6 §6: the HTTP edge's recorded answers are deleted once their retention has passed; they do not pile up.</summary>
[Collection(GatewayCollection.Name)]
public sealed class HttpAnswerExpiryTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_recorded_answer_is_deleted_from_storage_once_its_retention_has_passed()
    {
        var key = SignedClient.NewKey();
        var accountId = Flows.NewId("acct");
        var body = new { accountId, holder = TestHolder.New().Body, creditLimit = new { amount = 10_000, currency = "CNY" }, creditScore = 720 };
        Assert.Equal(201, (await fixture.Issuer.Post("/v1/accounts", body, key)).Status);
        var record = SiloSide.Grains(fixture.Cluster).GetGrain<IHttpIdempotencyGrain>(HttpIdempotencyKeys.For("issuer", key));
        var reminders = SiloSide.Services(fixture.Cluster).GetRequiredService<IReminderTable>();
        Assert.True(await SiloSide.RowExists<HttpIdempotencyState>(fixture.Cluster, "http-idempotency", record.GetGrainId()));
        Assert.NotNull(await reminders.ReadRow(record.GetGrainId(), HttpIdempotencyGrain.ReminderName));

        // Before the retention ends the reminder keeps it; after, it deletes the row and itself.
        var retention = new HttpEdgeOptions().IdempotencyRetention;
        await record.AsReference<IRemindable>().ReceiveReminder(HttpIdempotencyGrain.ReminderName, default);
        Assert.True(await SiloSide.RowExists<HttpIdempotencyState>(fixture.Cluster, "http-idempotency", record.GetGrainId()));
        TestClock.Instance.Advance(retention);
        await record.AsReference<IRemindable>().ReceiveReminder(HttpIdempotencyGrain.ReminderName, default);

        Assert.False(await SiloSide.RowExists<HttpIdempotencyState>(fixture.Cluster, "http-idempotency", record.GetGrainId()));
        Assert.Null(await reminders.ReadRow(record.GetGrainId(), HttpIdempotencyGrain.ReminderName));
    }
}
