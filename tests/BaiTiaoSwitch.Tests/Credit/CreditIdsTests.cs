using BaiTiaoSwitch.Credit;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit;

public sealed class CreditIdsTests
{
    [Fact]
    public void A_plan_id_routes_like_its_capture_and_back()
    {
        var planId = CreditIds.Plan("cp_k3y_1a_2");

        Assert.Equal("ip_k3y_1a_2", planId);
        Assert.Equal("cp_k3y_1a_2", CreditIds.CaptureOfPlan(planId));
        Assert.Null(CreditIds.CaptureOfPlan("st_20260301_acct"));
        Assert.Throws<NotFoundException>(() => CreditIds.Plan("au_k3y_1a"));
    }

    [Fact]
    public void A_statement_id_embeds_its_account_when_it_fits_and_is_hashed_within_64_characters_when_not()
    {
        var shortId = CreditIds.Statement("acct-1", new DateOnly(2026, 3, 1));
        var longAccount = new string('a', Ids.IdLengthMax);
        var longId = CreditIds.Statement(longAccount, new DateOnly(2026, 3, 1));

        Assert.Equal("st_20260301_acct-1", shortId);
        Assert.Equal("acct-1", CreditIds.AccountOfStatement(shortId));
        Assert.True(Ids.IsWellFormed(longId));
        Assert.True(CreditIds.IsIndexed(longId));
        Assert.Null(CreditIds.AccountOfStatement(longId));
        Assert.Equal(longId, CreditIds.Statement(longAccount, new DateOnly(2026, 3, 1)));
        Assert.NotEqual(longId, CreditIds.Statement(longAccount[..^1] + "b", new DateOnly(2026, 3, 1)));
    }
}
