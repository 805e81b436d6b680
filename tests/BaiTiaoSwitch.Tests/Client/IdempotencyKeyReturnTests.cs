using BaiTiaoSwitch.Client;
using Xunit;

namespace BaiTiaoSwitch.Tests.Client;

/// <summary>When the outcome of a write is unknown, the SDK hands back the key it sent, so the caller can retry or reverse by it.</summary>
public sealed class IdempotencyKeyReturnTests
{
    private static readonly ClusterCalls Calls = new(tokens: null, retriesMax: 1, backoffBase: TimeSpan.FromMilliseconds(1));

    [Fact]
    public async Task An_outcome_unknown_from_the_cluster_carries_the_key_that_was_sent()
    {
        var sent = new List<string>();

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => Calls.Write<string>(
            "k-generated-1",
            key =>
            {
                sent.Add(key);
                throw new OutcomeUnknownException("The journal write failed.");
            },
            (result, _) => result,
            CancellationToken.None));

        Assert.Equal("k-generated-1", error.IdempotencyKey);
        Assert.Equal(["k-generated-1", "k-generated-1"], sent);
    }

    [Fact]
    public async Task A_cluster_that_does_not_answer_becomes_outcome_unknown_with_the_key()
    {
        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => Calls.Write<string>(
            "k-generated-2",
            _ => throw new TimeoutException("No answer."),
            (result, _) => result,
            CancellationToken.None));

        Assert.Equal("k-generated-2", error.IdempotencyKey);
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task A_silo_service_that_timed_out_is_retried_with_the_same_key_and_then_outcome_unknown()
    {
        var sent = new List<string>();

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => Calls.Write<string>(
            "k-generated-4",
            key =>
            {
                sent.Add(key);
                throw new Orleans.Runtime.OrleansException("Reminder Service is still initializing and it is taking a long time. Please retry again later.", new TimeoutException());
            },
            (result, _) => result,
            CancellationToken.None));

        Assert.Equal(["k-generated-4", "k-generated-4"], sent);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task A_refusal_is_not_turned_into_outcome_unknown()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Calls.Write<string>(
            "k-generated-3",
            _ => throw ForbiddenException.IssuerOnly("ICreditAccountGrain.Open"),
            (result, _) => result,
            CancellationToken.None));
    }
}
