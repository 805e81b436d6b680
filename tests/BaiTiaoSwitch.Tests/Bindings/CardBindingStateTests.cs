using BaiTiaoSwitch.Bindings;
using Xunit;

namespace BaiTiaoSwitch.Tests.Bindings;

/// <summary>Issue 6 §6: what one card number's binding record keeps is capped by its settings, however it is used.</summary>
public sealed class CardBindingStateTests
{
    private static readonly BindingOptions Options = new();
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Failures_never_exceed_the_lock_limit_and_codes_never_exceed_the_hours_budget()
    {
        var state = new CardBindingState();
        for (var i = 0; i < 1_000; i++)
        {
            var now = Start + TimeSpan.FromSeconds(7 * i);
            state = state.Pruned(now, Options);
            state = i % 3 == 0 || state.GuessesSpent(Options) ? state.WithFailure(now, Options) : state.WithGuess(now, right: i % 5 == 0, Options);
            Assert.InRange(state.Failures.Length, 0, Options.FailuresBeforeLockMax - 1);
            Assert.InRange(state.Guesses.Length, 0, Options.CodeGuessesPerCardPerHourMax);
        }
    }

    [Fact]
    public void A_card_keeps_one_open_attempt_per_channel_and_forgets_it_when_its_code_expires()
    {
        var state = new CardBindingState();
        for (var i = 0; i < 50; i++)
        {
            state = state.WithOpenAttempt(i % 2 == 0 ? "alipay" : "wechatpay", new OpenAttempt("k" + i, "gr_" + i, Start + Options.OtpLifetime, null));
        }

        Assert.Equal(2, state.OpenAttempts.Count);
        Assert.True(state.Pruned(Start + Options.OtpLifetime, Options).IsEmpty);
    }

    [Fact]
    public void A_record_is_empty_once_every_window_has_passed()
    {
        var state = new CardBindingState();
        for (var i = 0; i < Options.FailuresBeforeLockMax; i++)
        {
            state = state.WithFailure(Start, Options);
        }

        Assert.True(state.IsLocked(Start));
        Assert.False(state.Pruned(Start + Options.LockDuration - TimeSpan.FromSeconds(1), Options).IsEmpty);
        Assert.True(state.Pruned(Start + Options.LockDuration, Options).IsEmpty);
    }
}
