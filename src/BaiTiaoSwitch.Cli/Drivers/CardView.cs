namespace BaiTiaoSwitch.Cli.Drivers;

/// <summary>
/// A card just issued. <see cref="CardNumber"/> is what the holder types into a wallet to bind it; the demo passes it
/// on to a binding and never prints it.
/// </summary>
public sealed record CardView(string CardId, string Last4, string Expiry, string Status, string CardNumber)
{
    public override string ToString() => $"CardView({CardId}, •••• {Last4})";
}
