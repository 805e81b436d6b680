namespace BaiTiaoSwitch.Accounts;

/// <summary>The range of a holder's credit score: an integer from <see cref="Min"/> to <see cref="Max"/>.</summary>
public static class CreditScores
{
    public const int Min = 0;

    public const int Max = 1000;

    /// <summary>Refuses a missing score or one outside the range (400 invalid_request, nothing written).</summary>
    public static int Require(int? score, string field = "creditScore") =>
        score is >= Min and <= Max
            ? score.Value
            : throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"'{field}' is required: an integer from {Min} to {Max}.");
}
