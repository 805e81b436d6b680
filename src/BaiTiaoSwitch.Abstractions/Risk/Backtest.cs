namespace BaiTiaoSwitch.Risk;

/// <summary>POST /v1/risk/backtests: replay the recorded authorizations of [From, To) through <see cref="Rules"/>.</summary>
[GenerateSerializer, Immutable, Alias("bts.BacktestRequest")]
public sealed record BacktestRequest(
    [property: Id(0)] IReadOnlyList<RiskRule> Rules,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset To);

/// <summary>
/// A backtest's figures (API.md "Risk and monitoring"): the decisions of the window, how many the rules would have
/// declined, of those how many were labelled fraud and legitimate (from resolved alerts), and the fraud-labelled
/// payments they would have missed.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.Backtest")]
public sealed record Backtest(
    [property: Id(0)] string BacktestId,
    [property: Id(1)] IReadOnlyList<RiskRule> Rules,
    [property: Id(2)] DateTimeOffset From,
    [property: Id(3)] DateTimeOffset To,
    [property: Id(4)] long Decisions,
    [property: Id(5)] long WouldDecline,
    [property: Id(6)] long WouldDeclineFraud,
    [property: Id(7)] long WouldDeclineLegitimate,
    [property: Id(8)] long MissedFraud);
