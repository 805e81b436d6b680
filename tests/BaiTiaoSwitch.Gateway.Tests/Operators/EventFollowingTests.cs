using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Operators;

/// <summary>The SDK follows the switch's event streams: a payment's decision reaches an issuer that follows them.</summary>
[Collection(GatewayCollection.Name)]
public sealed class EventFollowingTests(GatewayFixture fixture)
{
    private static readonly TimeSpan WaitMax = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_issuer_following_the_events_through_the_sdk_receives_each_decision_made_after_it_subscribed()
    {
        var sdk = fixture.Sandbox.Services.GetRequiredService<BaiTiaoSwitchClient>().As(TestSecrets.Credential("issuer"));
        var decided = new TaskCompletionSource<SwitchEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? awaited = null;
        await using (await sdk.SubscribeToEventsAsync(item =>
        {
            if (item.Decision is { } decision && decision.AuthorizationId == Volatile.Read(ref awaited))
            {
                decided.TrySetResult(item);
            }

            return Task.CompletedTask;
        }))
        {
            var card = await Flows.OpenCard(fixture);
            var (grantId, _) = await Flows.Bind(fixture, fixture.Alipay, card);
            var authorization = await Flows.Authorize(fixture.Alipay, grantId, 1_234);
            Volatile.Write(ref awaited, authorization.Str("authorizationId"));

            var item = await decided.Task.WaitAsync(WaitMax).ContinueWith(task => task.IsCompletedSuccessfully ? task.Result
                : throw new Xunit.Sdk.XunitException("No decision event within the wait. The switch's log about events:\n" + string.Join('\n',
                    CapturedLogs.Instance.Lines.Where(line => line.StartsWith("Warning", StringComparison.Ordinal) || line.StartsWith("Error", StringComparison.Ordinal)).TakeLast(40))), TaskScheduler.Default);
            Assert.Equal(card.AccountId, item.AccountId);
            Assert.Equal(BaiTiaoSwitch.Payments.Decision.Approved, item.Decision!.Decision);
            Assert.Equal(1_234, item.Decision.Amount.Amount);
        }
    }
}
