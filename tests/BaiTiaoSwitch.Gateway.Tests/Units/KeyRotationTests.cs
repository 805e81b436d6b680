using System.Security.Cryptography;
using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Security;
using Microsoft.Extensions.Options;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Units;

/// <summary>Identity numbers and phones at rest: keyed hashes for matching, AES-GCM with key ids for display.</summary>
public sealed class KeyRotationTests
{
    private static readonly string Key1 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string Key2 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string Lookup = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static FieldProtector Protector(string active, params (string Id, string Key)[] keys)
    {
        var options = new DataProtectionOptions { ActiveKeyId = active, LookupKey = Lookup };
        foreach (var (id, key) in keys)
        {
            options.EncryptionKeys[id] = key;
        }

        return new FieldProtector(Options.Create(options));
    }

    [Fact]
    public void After_a_rotation_old_data_still_reads_and_new_data_uses_the_new_key()
    {
        var holder = new Holder("张三", "110101199001011234", "139 1234 5678");
        var before = Protector("k1", ("k1", Key1));
        var old = HolderRecord.Protect(holder, before);
        Assert.Equal("k1", old.IdNumber.KeyId);

        var after = Protector("k2", ("k1", Key1), ("k2", Key2));
        Assert.Equal("110101199001011234", after.Unprotect(old.IdNumber, Purposes.IdNumber));
        Assert.Equal("13912345678", after.Unprotect(old.Phone, Purposes.Phone));
        Assert.True(old.Matches(holder, after));

        var fresh = HolderRecord.Protect(holder, after);
        Assert.Equal("k2", fresh.IdNumber.KeyId);
        Assert.Equal("k2", fresh.Phone.KeyId);
        Assert.Equal(old.IdNumberHash, fresh.IdNumberHash);
        Assert.Throws<CryptographicException>(() => before.Unprotect(fresh.IdNumber, Purposes.IdNumber));
    }

    [Fact]
    public void The_record_holds_no_plaintext_and_matches_only_all_elements()
    {
        var holder = new Holder("张三", "110101199001011234", "13912345678");
        var protector = Protector("k1", ("k1", Key1));
        var record = HolderRecord.Protect(holder, protector);
        var bytes = string.Join("|", record.IdNumberHash, record.PhoneHash, record.NameHash, Convert.ToBase64String(record.IdNumber.Ciphertext), Convert.ToBase64String(record.Phone.Ciphertext));
        Assert.DoesNotContain("110101199001011234", bytes);
        Assert.DoesNotContain("13912345678", bytes);
        Assert.False(record.Matches(holder with { Name = "李四" }, protector));
        Assert.False(record.Matches(holder with { IdNumber = "110101199001011235" }, protector));
        Assert.False(record.Matches(holder with { Phone = "13912345679" }, protector));
        Assert.Throws<AuthenticationTagMismatchException>(() => protector.Unprotect(record.IdNumber, Purposes.Phone));
    }
}
