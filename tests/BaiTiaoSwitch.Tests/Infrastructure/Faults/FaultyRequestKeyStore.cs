using BaiTiaoSwitch.RequestKeys;

namespace BaiTiaoSwitch.Tests.Infrastructure.Faults;

/// <summary>The channel's key namespace under the same faults, holds and watchers as the Orleans stores. Target: "{channel}/{key}".</summary>
public sealed class FaultyRequestKeyStore(IRequestKeyStore inner, StorageFaults faults) : IRequestKeyStore
{
    public const string Store = "bts-request-keys";

    public Task<KeyClaim> Claim(string channel, string key, string owner, string fingerprint, CancellationToken cancellationToken = default) =>
        faults.Around(
            Store,
            channel + "/" + key,
            () => inner.Claim(channel, key, owner, fingerprint, cancellationToken),
            forgetOutcome: null,
            conflict: () => new Azure.RequestFailedException(503, "Injected fault: the key namespace did not answer."));

    public Task StoreAnswers(IReadOnlyList<KeyAnswer> answers, CancellationToken cancellationToken = default) => inner.StoreAnswers(answers, cancellationToken);

    public Task<byte[]?> FindAnswer(string channel, string key, string owner, CancellationToken cancellationToken = default) =>
        inner.FindAnswer(channel, key, owner, cancellationToken);
}
