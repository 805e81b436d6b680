using BaiTiaoSwitch.Events;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// A credit-score change (信用评分动态监测): the line's score, and with it the limit in force. A score that moves into
/// another band puts that band's percent of the limit the issuer last set in force; a move within a band changes no
/// limit, because the issuer set its limit knowing a score in that band (at opening, or with the credit-limit route). It is a lifecycle operation, so it is idempotent by key, journaled, and durable
/// before it is answered; the limit moves in the same entry as the score. A limit lowered below what the line already
/// uses (pending and posted) takes nothing back: it blocks new approvals until use falls. A move to a lower band raises
/// a <c>credit_score_drop</c> alert in the same batch (high when the new limit is below the line's use).
/// </summary>
public static class CreditScoreChange
{
    public static LifecycleOperation Change(int? creditScore, CreditScoreBands bands)
    {
        var score = CreditScores.Require(creditScore);
        return new LifecycleOperation(OperationKind.ChangeCreditScore, LifecycleOperation.FingerprintFor("credit-score", score), (book, now) =>
        {
            var before = book.Header;
            var issuerLimit = before.IssuerLimit;
            var limit = bands.RankOf(score) == bands.RankOf(before.CreditScore) ? before.CreditLimit : bands.LimitFor(issuerLimit, score);
            book.SetHeader(before with { CreditScore = score, IssuerCreditLimit = issuerLimit, CreditLimit = limit });
            if (bands.RankOf(score) > bands.RankOf(before.CreditScore))
            {
                LineEvents.ScoreDropped(book, now);
            }
        });
    }
}
