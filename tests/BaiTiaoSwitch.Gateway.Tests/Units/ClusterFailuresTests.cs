using BaiTiaoSwitch.Gateway.Problems;
using Microsoft.AspNetCore.Http;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Units;

/// <summary>What the chaos run met while silos died: each must be a retryable 503, never a 500.</summary>
public sealed class ClusterFailuresTests
{
    [Fact]
    public void A_message_that_expired_while_its_grain_was_placed_is_transient_unless_the_caller_hung_up()
    {
        var expired = new OperationCanceledException("Message expired before placement could complete for grain creditaccount/x.");
        Assert.True(ClusterFailures.IsTransient(expired, new DefaultHttpContext()));

        using var hungUp = new CancellationTokenSource();
        hungUp.Cancel();
        Assert.False(ClusterFailures.IsTransient(expired, new DefaultHttpContext { RequestAborted = hungUp.Token }));
    }

    [Fact]
    public void A_refused_connection_a_timeout_and_a_dead_silo_are_transient()
    {
        var context = new DefaultHttpContext();
        Assert.True(ClusterFailures.IsTransient(new ConnectionFailedException("Unable to connect to S127.0.0.1:32000:0"), context));
        Assert.True(ClusterFailures.IsTransient(new TimeoutException(), context));
        Assert.True(ClusterFailures.IsTransient(new SiloUnavailableException(), context));
        Assert.True(ClusterFailures.IsTransient(new OrleansException("wrapped", new TimeoutException()), context));
    }

    [Fact]
    public void A_bug_is_not_transient()
    {
        Assert.False(ClusterFailures.IsTransient(new InvalidOperationException(), new DefaultHttpContext()));
        Assert.False(ClusterFailures.IsTransient(new OrleansException("not a timeout"), new DefaultHttpContext()));
    }
}
