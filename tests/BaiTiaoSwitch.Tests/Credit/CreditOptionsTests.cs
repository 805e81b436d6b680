using BaiTiaoSwitch.Credit;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit;

public sealed class CreditOptionsTests
{
    [Fact]
    public void The_credit_grains_settings_are_valid_by_default_and_every_bad_one_is_named()
    {
        var validator = new CreditOptionsValidator();
        var bad = validator.Validate(null, new CreditOptions { StatementsHotMax = 1, ActivePlansMax = 0, AnswersMax = 0, StatementsListedMax = 0, DuePeriod = TimeSpan.Zero });

        Assert.True(validator.Validate(null, new CreditOptions()).Succeeded);
        Assert.True(bad.Failed);
        foreach (var setting in new[] { "StatementsHotMax", "ActivePlansMax", "AnswersMax", "StatementsListedMax", "DuePeriod" })
        {
            Assert.Contains(bad.Failures!, failure => failure.StartsWith(setting, StringComparison.Ordinal));
        }
    }
}
