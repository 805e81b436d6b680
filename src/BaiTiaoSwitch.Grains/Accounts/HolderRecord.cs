using BaiTiaoSwitch.Security;

namespace BaiTiaoSwitch.Accounts;

/// <summary>The holder at rest: ciphertext for display to the issuer, keyed hashes for matching, never plaintext.</summary>
[GenerateSerializer, Immutable, Alias("bts.HolderRecord")]
public sealed record HolderRecord(
    [property: Id(0)] ProtectedValue Name,
    [property: Id(1)] ProtectedValue IdNumber,
    [property: Id(2)] ProtectedValue Phone,
    [property: Id(3)] string NameHash,
    [property: Id(4)] string IdNumberHash,
    [property: Id(5)] string PhoneHash)
{
    public static string NormalizeName(string name) => name.Trim().Normalize(System.Text.NormalizationForm.FormC);

    public static string NormalizeIdNumber(string idNumber) => idNumber.Trim().ToUpperInvariant();

    public static string NormalizePhone(string phone) => new(phone.Where(char.IsAsciiDigit).ToArray());

    public static HolderRecord Protect(Holder holder, FieldProtector protector)
    {
        var name = NormalizeName(holder.Name);
        var idNumber = NormalizeIdNumber(holder.IdNumber);
        var phone = NormalizePhone(holder.Phone);
        return new HolderRecord(
            protector.Protect(name, Purposes.HolderName),
            protector.Protect(idNumber, Purposes.IdNumber),
            protector.Protect(phone, Purposes.Phone),
            protector.LookupHash(name, Purposes.HolderName),
            protector.LookupHash(idNumber, Purposes.IdNumber),
            protector.LookupHash(phone, Purposes.Phone));
    }

    /// <summary>True when all three elements match, compared in constant time; never says which did not.</summary>
    public bool Matches(Holder candidate, FieldProtector protector)
    {
        var name = FieldProtector.HashesEqual(NameHash, protector.LookupHash(NormalizeName(candidate.Name), Purposes.HolderName));
        var id = FieldProtector.HashesEqual(IdNumberHash, protector.LookupHash(NormalizeIdNumber(candidate.IdNumber), Purposes.IdNumber));
        var phone = FieldProtector.HashesEqual(PhoneHash, protector.LookupHash(NormalizePhone(candidate.Phone), Purposes.Phone));
        return name & id & phone;
    }
}
