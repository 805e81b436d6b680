namespace BaiTiaoSwitch.Accounts;

// The line's durable form: the change set a batch journals, the full image a snapshot holds, and replaying either.
public sealed partial class AccountBook
{
    /// <summary>Takes everything changed since the last call as the next journal entry, and clears the change set.</summary>
    public AccountImage TakeChanges()
    {
        var (changedAuthorizations, removedAuthorizations) = authorizations.TakeChanges();
        var (changedRequests, removedRequests) = Requests.TakeChanges();
        var (changedAlerts, removedAlerts) = Alerts.TakeChanges();
        var (changedRecent, removedRecent) = RecentPayments.TakeKeyedChanges();
        var image = new AccountImage
        {
            Version = ++Version,
            Header = Header,
            Authorizations = changedAuthorizations,
            RemovedAuthorizations = removedAuthorizations,
            Idempotency = changedRequests,
            RemovedIdempotency = removedRequests,
            Cards = Cards.TakeChanges().Changed,
            Grants = Grants.TakeChanges().Changed,
            Counters = Counters.TakeKeyedChanges().Changed,
            Requests = RequestsInBatch,
            Alerts = changedAlerts,
            RemovedAlerts = removedAlerts,
            Risk = riskChanged ? Risk : null,
            RecentPayments = changedRecent,
            RemovedRecentPayments = removedRecent,
            Credit = Credit.TakeChanges(),
        };
        image.Events = [.. pendingEvents.Select((make, index) => make(image.Version, index))];
        pendingEvents.Clear();
        headerChanged = false;
        riskChanged = false;
        RequestsInBatch = 0;
        return image;
    }

    /// <summary>A full image of the line at the current version. Values are immutable, so this is a shallow copy.</summary>
    public AccountImage ToImage() => new()
    {
        Version = Version,
        Header = Header,
        Authorizations = [.. authorizations.Values.Values],
        Idempotency = [.. Requests.Values.Values],
        Cards = [.. Cards.Values.Values],
        Grants = [.. Grants.Values.Values],
        Counters = new Dictionary<string, VelocityCounter>(Counters.Values, StringComparer.Ordinal),
        Alerts = [.. Alerts.Values.Values],
        Risk = Risk,
        RecentPayments = new Dictionary<string, Risk.RecentPayment>(RecentPayments.Values, StringComparer.Ordinal),
        Credit = Credit.ToImage(),
    };

    /// <summary>Back to an unopened line at version 0, for a load that has to start over.</summary>
    public void Clear()
    {
        Header = AccountHeader.Unopened(Header.AccountId);
        Version = 0;
        authorizations.Clear();
        authorizationByRequest.Clear();
        ClosedInHot = 0;
        Requests.Clear();
        Cards.Clear();
        Grants.Clear();
        Counters.Clear();
        Alerts.Clear();
        RecentPayments.Clear();
        Credit.Clear();
        Risk = BaiTiaoSwitch.Risk.RiskProfile.Empty;
        riskChanged = false;
        pendingEvents.Clear();
        headerChanged = false;
        RequestsInBatch = 0;
    }

    /// <summary>Replays a snapshot or journal entry. Applying the same entries in order always gives the same book.</summary>
    public void Apply(AccountImage image)
    {
        Version = image.Version;
        Header = image.Header ?? Header;
        foreach (var id in image.RemovedAuthorizations)
        {
            if (authorizations.Find(id) is { } gone)
            {
                Remove(gone);
            }
        }

        foreach (var record in image.Authorizations)
        {
            Put(record);
        }

        authorizations.ClearChanges();
        Requests.Apply(image.Idempotency.Select(record => KeyValuePair.Create(record.Scope, record)), image.RemovedIdempotency);
        Cards.Apply(image.Cards.Select(card => KeyValuePair.Create(card.CardId, card)), []);
        Grants.Apply(image.Grants.Select(grant => KeyValuePair.Create(grant.GrantId, grant)), []);
        Counters.Apply(image.Counters, []);
        Alerts.Apply(image.Alerts.Select(alert => KeyValuePair.Create(alert.AlertId, alert)), image.RemovedAlerts);
        RecentPayments.Apply(image.RecentPayments, image.RemovedRecentPayments);
        Credit.Apply(image.Credit);
        Risk = image.Risk ?? Risk;
        riskChanged = false;
        headerChanged = false;
        RequestsInBatch = 0;
    }
}
