using BaiTiaoSwitch.Credit;
using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Accounts;

/// <summary>Moves a capture's principal onto a plan (<see cref="LinePlans.Move"/>): posted and available do not change.</summary>
public sealed class MoveToInstallmentsOperation(AuthorizationLocator locator, string captureId, string planId, long expectedPrincipal)
    : HoldOperation<PlanPrincipalMoved>(locator, AuthorizationOf(captureId), null)
{
    private readonly string captureId = captureId;
    private readonly string planId = Ids.Require(planId, "planId");
    private readonly long expectedPrincipal = expectedPrincipal is >= 1 and <= Money.AmountMax
        ? expectedPrincipal
        : throw new InvalidRequestException(ErrorCodes.InvalidAmount, $"'expectedPrincipal' must be an integer from 1 to {Money.AmountMax} minor units.");

    public override OperationKind Kind => OperationKind.MoveToInstallments;

    public override string Fingerprint => FingerprintOf("plan", captureId, planId, expectedPrincipal);

    public override PlanPrincipalMoved Decide(DecisionContext context) =>
        LinePlans.Move(context.Book, context.Book.Authorizations.GetValueOrDefault(AuthorizationId, Authorization), captureId, planId, expectedPrincipal, context.Now);

    public override IdempotencyRecord ToRecord(string scope, PlanPrincipalMoved result, DateTimeOffset now) => new(scope, Kind, Fingerprint, now, null, null, null, Moved: result);

    public override PlanPrincipalMoved FromRecord(IdempotencyRecord record) => record.Moved!;

    private static string AuthorizationOf(string captureId) =>
        PaymentIds.AuthorizationIdOfCapture(Ids.Require(captureId, "captureId")) ?? throw new NotFoundException("No such capture.");
}
