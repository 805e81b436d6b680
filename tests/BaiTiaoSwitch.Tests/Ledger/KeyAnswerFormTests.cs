using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using Orleans.Serialization;
using Xunit;

namespace BaiTiaoSwitch.Tests.Ledger;

/// <summary>A key's answer on its claim row: without its scope, compact when it is an authorization view, and read back to the very record.</summary>
public sealed class KeyAnswerFormTests
{
    private const string Scope = "issuer\u001fk580dfb1ea7644151936743fb9449541e";
    private static readonly Serializer Serializer = SwitchSerializer.Instance;

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> AuthorizationAnswers => ["approved", "declined", "tombstone", "negative_available", "offset"];

    [Theory]
    [MemberData(nameof(AuthorizationAnswers))]
    public void An_authorization_answer_is_kept_compactly_at_under_half_the_bytes_and_reads_back_to_the_very_record(string shape)
    {
        var record = Answer(shape);

        var stored = KeyAnswerForm.Write(record, Serializer);

        Assert.Equal(0xB1, stored[0]);
        Assert.True(stored.Length * 2 < Serializer.SerializeToArray(record).Length, $"{stored.Length} bytes against {Serializer.SerializeToArray(record).Length} in Orleans' format");
        Assert.Equal(Serializer.SerializeToArray(record), Serializer.SerializeToArray(KeyAnswerForm.Read(stored, Scope, Serializer)));
    }

    [Fact]
    public void An_answer_with_captures_or_a_refusal_is_kept_in_Orleans_format_without_its_scope_and_reads_back_to_the_very_record()
    {
        // An array, as the account makes a view's captures (a collection expression would be a compiler-made list type).
        var view = Answer("approved").Authorization!;
        var captured = Answer("approved") with { Authorization = view with { Captures = new[] { new Capture("cp_1", view.AuthorizationId, Money.Fen(100), false, Now, Money.Fen(0)) } } };
        var refused = new IdempotencyRecord(Scope, OperationKind.Capture, "F1", Now, null, null, null, null, "invalid_amount", "Too much.");

        foreach (var record in new[] { captured, refused })
        {
            var stored = KeyAnswerForm.Write(record, Serializer);

            Assert.Equal(0xB0, stored[0]);
            Assert.Equal(Serializer.SerializeToArray(record with { Scope = "" }).Length + 1, stored.Length);
            Assert.Equal(Serializer.SerializeToArray(record), Serializer.SerializeToArray(KeyAnswerForm.Read(stored, Scope, Serializer)));
        }
    }

    [Fact]
    public void An_answer_stored_whole_before_the_compact_form_still_reads_back()
    {
        var record = Answer("approved");

        Assert.Equal(Serializer.SerializeToArray(record), Serializer.SerializeToArray(KeyAnswerForm.Read(Serializer.SerializeToArray(record), Scope, Serializer)));
    }

    private static IdempotencyRecord Answer(string shape)
    {
        var at = shape == "offset" ? Now.ToOffset(TimeSpan.FromHours(8)) : Now;
        var declined = shape == "declined";
        var view = new Authorization("au_S7RT02S9EqRmLdvXFIPs_1A", "gr_S7RT02S9EqRmLdvXFIPsA", declined ? AuthorizationStatus.Declined : AuthorizationStatus.Pending,
            declined ? Decision.Declined : Decision.Approved, declined ? DeclineReason.InsufficientCredit : null, Money.Fen(100), Money.Fen(0), Money.Fen(shape == "tombstone" ? 100 : 0),
            Money.Fen(0), Money.Fen(shape == "negative_available" ? -5_000 : 99_900), at, declined ? null : at.AddDays(7), []);
        return shape == "tombstone"
            ? new IdempotencyRecord(Scope, OperationKind.Tombstone, "", at, view with { Status = AuthorizationStatus.Reversed }, null, null)
            : new IdempotencyRecord(Scope, OperationKind.Authorize, "8CECB25D042FF907F120E49DD2996538", at, view, null, null);
    }
}
