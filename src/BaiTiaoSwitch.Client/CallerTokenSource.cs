namespace BaiTiaoSwitch.Client;

/// <summary>
/// Mints the caller token of one credential and keeps it, renewing it when half its lifetime is gone, so a busy
/// client signs about once every five minutes rather than once per call. Real time, never a test clock.
/// </summary>
internal sealed class CallerTokenSource
{
    private static readonly TimeSpan RenewBefore = CallerToken.Lifetime / 2;
    private readonly CallerCredential credential;
    private volatile MintedToken? current;

    public CallerTokenSource(CallerCredential credential)
    {
        foreach (var problem in credential.Problems())
        {
            throw new ArgumentException($"The caller credential is not usable: {problem}", nameof(credential));
        }

        this.credential = credential;
    }

    public CallerCredential Credential => credential;

    public string Current()
    {
        var now = TimeProvider.System.GetUtcNow();
        if (current is { } minted && minted.ExpiresAt - now > RenewBefore)
        {
            return minted.Text;
        }

        var expiresAt = now + CallerToken.Lifetime;
        var token = new MintedToken(CallerToken.Mint(credential, expiresAt), expiresAt);
        current = token;
        return token.Text;
    }

    private sealed record MintedToken(string Text, DateTimeOffset ExpiresAt)
    {
        public override string ToString() => $"MintedToken(expires {ExpiresAt:O})";
    }
}
