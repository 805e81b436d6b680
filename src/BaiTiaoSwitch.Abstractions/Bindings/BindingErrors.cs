namespace BaiTiaoSwitch.Bindings;

/// <summary>Messages of binding errors. They never name the element that failed, nor echo a value.</summary>
public static class BindingErrors
{
    public static OperationRejectedException VerificationFailed() =>
        new(ErrorCodes.VerificationFailed, "The card and holder details could not be verified for binding. Check them with the card holder and try again.");

    /// <summary>One answer for every limit (failures on the card, codes guessed on it, codes sent to the phone), so it tells nothing more.</summary>
    public static OperationRejectedException Locked() =>
        new(ErrorCodes.VerificationLocked, "Binding on this card is locked for now after repeated attempts. Try again in an hour.");

    public static OperationRejectedException OtpInvalid() =>
        new(ErrorCodes.OtpInvalid, "The one-time code is wrong or expired. After three wrong codes, start a new binding.");
}
