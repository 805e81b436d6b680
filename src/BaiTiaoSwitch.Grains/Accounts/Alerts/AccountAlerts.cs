namespace BaiTiaoSwitch.Accounts;

/// <summary>Raises the account's own alerts, keeping at most <c>SwitchOptions.AlertsMax</c> (the oldest leave first).</summary>
public static class AccountAlerts
{
    public static AccountAlert RaiseOverLimit(AccountBook book, AuthorizationRecord authorization, CaptureRecord capture, DateTimeOffset now)
    {
        var number = book.Header.NextAlertNumber;
        book.SetHeader(book.Header with { NextAlertNumber = checked(number + 1) });
        var alert = new AccountAlert(AlertId(authorization.GrantId, number), AccountAlert.OverLimit, capture.OverLimit ? AlertSeverity.High : AlertSeverity.Medium,
            authorization.AuthorizationId, capture.CaptureId, authorization.GrantId, authorization.CardId, capture.Forced, now, number);
        book.Alerts.Set(alert.AlertId, alert);
        while (book.Alerts.Count > book.Options.AlertsMax)
        {
            book.Alerts.Remove(book.Alerts.Values.Values.MinBy(kept => kept.Number)!.AlertId);
        }

        return alert;
    }

    /// <summary>The id of the line's next alert (numbers are the line's, shared by every kind), taking its number.</summary>
    public static string NextAlertId(AccountBook book, string grantId)
    {
        var number = book.Header.NextAlertNumber;
        book.SetHeader(book.Header with { NextAlertNumber = checked(number + 1) });
        return AlertId(grantId, number);
    }

    /// <summary>Alert ids carry the grant's key like payment ids do, so an id routes to its line: <c>al_{grantKey}_{n}</c>.</summary>
    private static string AlertId(string grantId, long number) =>
        "al_" + (grantId.StartsWith(Payments.PaymentIds.GrantPrefix, StringComparison.Ordinal) ? grantId[3..] : grantId) + "_" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
