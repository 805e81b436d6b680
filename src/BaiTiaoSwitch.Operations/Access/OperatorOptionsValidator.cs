using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Operations.Access;

/// <summary>Names every bad operator setting at start. Never echoes the credential.</summary>
public sealed class OperatorOptionsValidator : IValidateOptions<OperatorOptions>
{
    public const int CredentialLengthMin = 32;

    public ValidateOptionsResult Validate(string? name, OperatorOptions options)
    {
        if (options.Credential is { } credential && (credential.Length < CredentialLengthMin || credential.Any(char.IsWhiteSpace) || credential.Contains(':', StringComparison.Ordinal)))
        {
            return ValidateOptionsResult.Fail($"Operator:Credential must be at least {CredentialLengthMin} characters, with no white space and no ':' (it is an HTTP Basic password).");
        }

        return ValidateOptionsResult.Success;
    }
}
