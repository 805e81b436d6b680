using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.HttpEdge.Idempotency;
using BaiTiaoSwitch.HttpEdge.Nonces;
using BaiTiaoSwitch.HttpEdge.Sandbox;

namespace BaiTiaoSwitch.HttpEdge;

/// <summary>
/// What the HTTP gateway asks of the cluster besides the switch's own operations, for one channel: its nonce memory,
/// its recorded answers, and (sandbox only) the one-time codes sent. Calls go through <paramref name="channel"/>'s
/// SDK client, so they carry its caller token, and the edge grains let a channel reach its own records only.
/// </summary>
public sealed class HttpEdgeClient(BaiTiaoSwitchClient channel)
{
    private string Channel => channel.Caller?.Channel ?? throw UnauthenticatedException.NoValidToken();

    /// <summary>
    /// True the first time this channel uses <paramref name="nonce"/> within the replay window, for a request stamped
    /// <paramref name="timestampUnixSeconds"/>. Never retried: a retry would see its own use.
    /// </summary>
    public Task<bool> TryUseNonceAsync(string nonce, long timestampUnixSeconds) =>
        channel.InvokeAsync(grains => grains.GetGrain<INonceGrain>(NonceKeys.For(Channel, nonce)).TryUse(nonce, timestampUnixSeconds));

    /// <summary>Claims this channel's <paramref name="idempotencyKey"/> for a request with <paramref name="fingerprint"/>, or says why it may not run.</summary>
    public Task<IdempotencyClaim> BeginRecordAsync(string idempotencyKey, string fingerprint) =>
        channel.InvokeAsync(grains => Record(grains, idempotencyKey).Begin(fingerprint));

    public Task CompleteRecordAsync(string idempotencyKey, string fingerprint, StoredResponse response) =>
        channel.InvokeAsync(async grains =>
        {
            await Record(grains, idempotencyKey).Complete(fingerprint, response).ConfigureAwait(false);
            return true;
        });

    public Task AbandonRecordAsync(string idempotencyKey, string fingerprint) =>
        channel.InvokeAsync(async grains =>
        {
            await Record(grains, idempotencyKey).Abandon(fingerprint).ConfigureAwait(false);
            return true;
        });

    /// <summary>Sandbox only, issuer only: the last code sent to <paramref name="phone"/>, or null.</summary>
    public Task<string?> SandboxLastOtpAsync(string phone) =>
        channel.InvokeAsync(grains => grains.GetGrain<ISandboxOtpDeskGrain>(0).LastOtp(phone));

    private IHttpIdempotencyGrain Record(IGrainFactory grains, string idempotencyKey) =>
        grains.GetGrain<IHttpIdempotencyGrain>(HttpIdempotencyKeys.For(Channel, idempotencyKey));
}
