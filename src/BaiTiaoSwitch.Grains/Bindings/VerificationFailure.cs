namespace BaiTiaoSwitch.Bindings;

/// <summary>Why a binding was refused. Logged for operators; the caller only ever hears verification_failed.</summary>
public enum VerificationFailure
{
    UnknownCard,
    CardNotActive,
    AccountNotActive,
    CreditScoreTooLow,
    HolderMismatch,
    WrongCode,
}
