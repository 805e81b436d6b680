namespace BaiTiaoSwitch.Security;

/// <summary>Purpose labels bind ciphertexts and hashes to one kind of field.</summary>
public static class Purposes
{
    public const string CardNumber = "card-number";
    public const string IdNumber = "id-number";
    public const string Phone = "phone";
    public const string HolderName = "holder-name";
    public const string WalletToken = "wallet-token";
}
