using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Hosting;

/// <summary>Reports every bad business setting by name at start.</summary>
internal sealed class SwitchOptionsValidator : IValidateOptions<SwitchOptions>
{
    public ValidateOptionsResult Validate(string? name, SwitchOptions options)
    {
        var failures = new List<string>();
        if (options.CardBin is not { Length: 6 or 8 } || !options.CardBin.All(char.IsAsciiDigit))
        {
            failures.Add($"{nameof(options.CardBin)} must be 6 or 8 digits.");
        }

        Check(failures, options.HoldPeriod > TimeSpan.Zero && options.HoldPeriod <= TimeSpan.FromDays(31), nameof(options.HoldPeriod), "must be more than 0 and at most 31 days");
        Check(failures, options.IdempotencyRetention >= TimeSpan.FromHours(24), nameof(options.IdempotencyRetention), "must be at least 24 hours (the API promises it)");
        Check(failures, options.ClosedAuthorizationRetention >= TimeSpan.Zero, nameof(options.ClosedAuthorizationRetention), "must not be negative");
        Check(failures, options.LimitWindowUtcOffset >= TimeSpan.FromHours(-14) && options.LimitWindowUtcOffset <= TimeSpan.FromHours(14), nameof(options.LimitWindowUtcOffset), "must be a UTC offset from -14:00 to +14:00");
        Check(failures, options.CommitQueueMax is >= 1 and <= 1_000_000, nameof(options.CommitQueueMax), "must be from 1 to 1000000");
        Check(failures, options.BatchRequestsMax is >= 1 and <= 1_000, nameof(options.BatchRequestsMax), "must be from 1 to 1000 (a journal entry must fit one Azure Table entity)");
        Check(failures, options.SnapshotJournalBytesMin is >= 1 and <= 1L << 30, nameof(options.SnapshotJournalBytesMin), "must be from 1 byte to 1 GiB");
        Check(failures, options.SnapshotJournalBytesMax >= options.SnapshotJournalBytesMin && options.SnapshotJournalBytesMax <= 1L << 30, nameof(options.SnapshotJournalBytesMax), "must be from SnapshotJournalBytesMin to 1 GiB");
        Check(failures, options.SnapshotRewriteRatioMax is >= 1 and <= 1_000_000, nameof(options.SnapshotRewriteRatioMax), "must be from 1 to 1000000");
        Check(failures, options.CommitLogShards is >= 1 and <= 1_000, nameof(options.CommitLogShards), "must be from 1 to 1000");
        Check(failures, options.CommitLogLinger >= TimeSpan.Zero && options.CommitLogLinger <= TimeSpan.FromMilliseconds(100), nameof(options.CommitLogLinger), "must be from 0 to 100 ms");
        Check(failures, options.CommitLogInFlightMax is >= 1 and <= 64, nameof(options.CommitLogInFlightMax), "must be from 1 to 64");
        Check(failures, options.CommitLogTransactionBytesMax is >= 64 * 1024 and <= 4_000_000, nameof(options.CommitLogTransactionBytesMax), "must be from 64 KiB to 4,000,000 bytes (Azure Table's transaction limit)");
        Check(failures, options.RecordShards is >= 1 and <= 1_000, nameof(options.RecordShards), "must be from 1 to 1000");
        Check(failures, options.RecordLinger >= TimeSpan.Zero && options.RecordLinger <= TimeSpan.FromMilliseconds(100), nameof(options.RecordLinger), "must be from 0 to 100 ms");
        Check(failures, options.RecordInFlightMax is >= 1 and <= 64, nameof(options.RecordInFlightMax), "must be from 1 to 64");
        Check(failures, options.RecordTransactionBytesMax is >= 1024 * 1024 and <= 4_000_000, nameof(options.RecordTransactionBytesMax), "must be from 1 MiB to 4,000,000 bytes (a record is up to 960 KiB; Azure Table's transaction limit)");
        Check(failures, options.ReminderShards is >= 1 and <= 1_000, nameof(options.ReminderShards), "must be from 1 to 1000");
        Check(failures, options.ReminderLinger >= TimeSpan.Zero && options.ReminderLinger <= TimeSpan.FromMilliseconds(100), nameof(options.ReminderLinger), "must be from 0 to 100 ms");
        Check(failures, options.ReminderInFlightMax is >= 1 and <= 64, nameof(options.ReminderInFlightMax), "must be from 1 to 64");
        Check(failures, options.OpenHoldsMax is >= 1 and <= 1_000_000, nameof(options.OpenHoldsMax), "must be from 1 to 1000000");
        Check(failures, options.ClosedAuthorizationsHotMax is >= 0 and <= 1_000_000, nameof(options.ClosedAuthorizationsHotMax), "must be from 0 to 1000000");
        Check(failures, options.SweepBatchMax is >= 1 and <= 2_000, nameof(options.SweepBatchMax), "must be from 1 to 2000 (a journal entry must fit one Azure Table entity)");
        Check(failures, options.OverCapturePercent is >= 0 and <= 100, nameof(options.OverCapturePercent), "must be from 0 to 100");
        Check(failures, options.OverCaptureAmountMax is >= 0 and <= Money.AmountMax, nameof(options.OverCaptureAmountMax), $"must be from 0 to {Money.AmountMax}");
        Check(failures, options.AlertsMax is >= 1 and <= 100_000, nameof(options.AlertsMax), "must be from 1 to 100000");
        Check(failures, options.IdempotencyHotWindow > TimeSpan.Zero && options.IdempotencyHotWindow <= options.IdempotencyRetention, nameof(options.IdempotencyHotWindow), "must be more than 0 and at most IdempotencyRetention");
        Check(failures, options.IdempotencyHotMax is >= 1 and <= 10_000_000, nameof(options.IdempotencyHotMax), "must be from 1 to 10000000");
        Check(failures, options.OutboxEventsPerMessageMax is >= 1 and <= 200, nameof(options.OutboxEventsPerMessageMax), "must be from 1 to 200 (an Azure Queue message holds at most 64 KiB)");
        Check(failures, options.EventPollPeriod >= TimeSpan.FromMilliseconds(10) && options.EventPollPeriod <= TimeSpan.FromSeconds(10), nameof(options.EventPollPeriod), "must be from 10 ms to 10 s");
        Check(failures, options.EventPollIdleMax >= options.EventPollPeriod && options.EventPollIdleMax <= TimeSpan.FromMinutes(1), nameof(options.EventPollIdleMax), "must be from EventPollPeriod to 1 minute");
        Check(failures, options.EventCacheMessagesMax is >= 32 and <= 100_000, nameof(options.EventCacheMessagesMax), "must be from 32 to 100000 (a read takes up to 32 messages)");
        Check(failures, options.OutboxLingerPeriod >= TimeSpan.Zero && options.OutboxLingerPeriod <= TimeSpan.FromSeconds(1), nameof(options.OutboxLingerPeriod), "must be from 0 to 1 s");
        Check(failures, options.OutboxPendingMax is >= 1 and <= 1_000_000, nameof(options.OutboxPendingMax), "must be from 1 to 1000000");
        Check(failures, options.EventStreamLingerPeriod >= TimeSpan.Zero && options.EventStreamLingerPeriod <= TimeSpan.FromSeconds(1), nameof(options.EventStreamLingerPeriod), "must be from 0 to 1 second");
        Check(failures, options.EventStreamWaitingMax is >= 1 and <= 1_000_000, nameof(options.EventStreamWaitingMax), "must be from 1 to 1000000");
        Check(failures, options.AlertsKeptPerStream is >= 1 and <= 100_000, nameof(options.AlertsKeptPerStream), "must be from 1 to 100000 (they live in one blob per stream)");
        Check(failures, options.EventReplayMax is >= 1 and <= 1_000_000, nameof(options.EventReplayMax), "must be from 1 to 1000000 (kept in memory, per stream)");
        Check(failures, options.RequestKeyShards is >= 1 and <= 100, nameof(options.RequestKeyShards), "must be from 1 to 100");
        Check(failures, options.RequestKeySweepPeriod >= TimeSpan.FromMinutes(1), nameof(options.RequestKeySweepPeriod), "must be at least 1 minute (Orleans reminders)");
        Check(failures, options.HoldSweepPeriod > TimeSpan.Zero, nameof(options.HoldSweepPeriod), "must be more than 0");
        Check(failures, options.ReminderWaitMax >= TimeSpan.Zero && options.ReminderWaitMax <= TimeSpan.FromSeconds(10), nameof(options.ReminderWaitMax), "must be from 0 to 10 seconds (a caller waits on it)");
        Check(failures, options.CardValidityMonths is >= 1 and <= 120, nameof(options.CardValidityMonths), "must be from 1 to 120");
        Check(failures, options.LifecycleAnswersMax is >= 1 and <= 1_000, nameof(options.LifecycleAnswersMax), "must be from 1 to 1000 (they live in the card's or grant's state)");
        Check(failures, options.CardGrantsMax is >= 1 and <= 1_000, nameof(options.CardGrantsMax), "must be from 1 to 1000");
        Check(failures, options.CardEndedGrantsMax is >= 0 and <= 1_000, nameof(options.CardEndedGrantsMax), "must be from 0 to 1000");
        Check(failures, options.PendingGrantLifetime >= TimeSpan.FromMinutes(10) && options.PendingGrantLifetime <= TimeSpan.FromDays(30), nameof(options.PendingGrantLifetime), "must be from 10 minutes to 30 days (longer than a one-time code lives)");
        Check(failures, options.Channels.Count > 0 && options.Channels.All(Ids.IsWellFormed), nameof(options.Channels), "must list at least one channel id of [A-Za-z0-9_-]");
        Check(failures, options.MinimumCreditScore is >= 0 and <= 1000, nameof(options.MinimumCreditScore), "must be from 0 to 1000");
        failures.AddRange(Credit.CreditTermsValidator.Problems(options.CreditTerms).Select(problem => $"{nameof(options.CreditTerms)}.{problem}"));
        Check(failures, options.CreditOpenPeriodsMax is >= 2 and <= 24, nameof(options.CreditOpenPeriodsMax), "must be from 2 to 24 (the period being cut and the current one)");
        Check(failures, options.ActivePlansMax is >= 1 and <= 10_000, nameof(options.ActivePlansMax), "must be from 1 to 10000 (they live in the line's state)");
        Check(failures, options.PlanRefundsPendingMax is >= 1 and <= 100_000, nameof(options.PlanRefundsPendingMax), "must be from 1 to 100000 (they live in the line's state)");
        Check(failures, options.SandboxClockAdvanceMax >= TimeSpan.FromSeconds(1) && options.SandboxClockAdvanceMax <= TimeSpan.FromDays(3_660), nameof(options.SandboxClockAdvanceMax), "must be from 1 second to 3660 days");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, bool ok, string setting, string rule)
    {
        if (!ok)
        {
            failures.Add($"{setting} {rule}.");
        }
    }
}

/// <summary>Checks the key material without ever printing it. Public local-development keys are refused outside Development.</summary>
internal sealed class DataProtectionOptionsValidator(IHostEnvironment environment) : IValidateOptions<DataProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, DataProtectionOptions options)
    {
        var failures = new List<string>();
        if (!options.EncryptionKeys.ContainsKey(options.ActiveKeyId))
        {
            failures.Add($"{nameof(options.ActiveKeyId)} must name one of the configured {nameof(options.EncryptionKeys)}.");
        }

        foreach (var (keyId, key) in options.EncryptionKeys)
        {
            var shownId = Ids.IsWellFormed(keyId) ? keyId : "(bad id)";
            if (!Ids.IsWellFormed(keyId) || KeyMaterial.TryDecode(key)?.Length != 32)
            {
                failures.Add($"{nameof(options.EncryptionKeys)}:{shownId} must be base64 of exactly 32 bytes under an id of [A-Za-z0-9_-].");
            }

            if (IsLocalDevelopment(keyId, key) && !environment.IsDevelopment())
            {
                failures.Add($"{nameof(options.EncryptionKeys)}:{shownId} is a public local-development key; outside the Development environment configure real keys from a secret store.");
            }
        }

        if (!KeyMaterial.IsStrong(options.LookupKey))
        {
            failures.Add($"{nameof(options.LookupKey)} must be base64 of at least 32 bytes.");
        }
        else if (KeyMaterial.IsLocalDevelopment(options.LookupKey) && !environment.IsDevelopment())
        {
            failures.Add($"{nameof(options.LookupKey)} is a public local-development key; outside the Development environment configure a real key from a secret store.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsLocalDevelopment(string keyId, string key) => KeyMaterial.IsLocalDevelopment(keyId) || KeyMaterial.IsLocalDevelopment(key);
}

internal sealed class SwitchStorageOptionsValidator : IValidateOptions<SwitchStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, SwitchStorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString)
            || (options.ConnectionString != "UseDevelopmentStorage=true" && !options.ConnectionString.Contains("AccountName=", StringComparison.Ordinal)))
        {
            failures.Add($"{nameof(options.ConnectionString)} must be an Azure Storage connection string (\"UseDevelopmentStorage=true\" for Azurite).");
        }

        if (options.NamePrefix is not { Length: >= 3 and <= 20 } || !options.NamePrefix.All(char.IsAsciiLetterLower))
        {
            failures.Add($"{nameof(options.NamePrefix)} must be 3 to 20 lowercase letters (it starts table and container names).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
