using System.Text.Json.Serialization;
using BaiTiaoSwitch.Gateway.Accounts;
using BaiTiaoSwitch.Gateway.Alerts;
using BaiTiaoSwitch.Gateway.Events;
using BaiTiaoSwitch.Gateway.Bindings;
using BaiTiaoSwitch.Gateway.Cards;
using BaiTiaoSwitch.Gateway.Credit;
using BaiTiaoSwitch.Gateway.Grants;
using BaiTiaoSwitch.Gateway.Health;
using BaiTiaoSwitch.Gateway.Payments;
using BaiTiaoSwitch.Gateway.Problems;
using BaiTiaoSwitch.Gateway.Risk;
using BaiTiaoSwitch.Gateway.Sandbox;

namespace BaiTiaoSwitch.Gateway.Wire;

/// <summary>
/// Source-generated JSON for every body on the wire: no reflection on the hot path. Strict on input: unknown
/// fields, duplicate fields, comments, trailing commas and numbers in strings are all refused.
/// </summary>
[JsonSourceGenerationOptions(
    System.Text.Json.JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    PropertyNameCaseInsensitive = false,
    AllowTrailingCommas = false,
    AllowDuplicateProperties = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    MaxDepth = 16)]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(OpenAccountBody))]
[JsonSerializable(typeof(CreditLimitBody))]
[JsonSerializable(typeof(CreditScoreBody))]
[JsonSerializable(typeof(EmptyBody))]
[JsonSerializable(typeof(BindingBody))]
[JsonSerializable(typeof(VerifyBody))]
[JsonSerializable(typeof(AuthorizeBody))]
[JsonSerializable(typeof(AmountBody))]
[JsonSerializable(typeof(CaptureBody))]
[JsonSerializable(typeof(ReversalBody))]
[JsonSerializable(typeof(AccountResponse))]
[JsonSerializable(typeof(CardResponse))]
[JsonSerializable(typeof(GrantResponse))]
[JsonSerializable(typeof(GrantListResponse))]
[JsonSerializable(typeof(AuthorizationResponse))]
[JsonSerializable(typeof(CaptureResponse))]
[JsonSerializable(typeof(RefundResponse))]
[JsonSerializable(typeof(SandboxOtpResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(RuleBody))]
[JsonSerializable(typeof(RuleResponse))]
[JsonSerializable(typeof(RuleListResponse))]
[JsonSerializable(typeof(BacktestBody))]
[JsonSerializable(typeof(BacktestResponse))]
[JsonSerializable(typeof(ResolveAlertBody))]
[JsonSerializable(typeof(AlertResponse))]
[JsonSerializable(typeof(AlertListResponse))]
[JsonSerializable(typeof(EventResponse))]
[JsonSerializable(typeof(InstallmentsBody))]
[JsonSerializable(typeof(InstallmentPlanResponse))]
[JsonSerializable(typeof(StatementResponse))]
[JsonSerializable(typeof(StatementListResponse))]
[JsonSerializable(typeof(RepaymentBody))]
[JsonSerializable(typeof(RepaymentResponse))]
[JsonSerializable(typeof(SandboxClockBody))]
[JsonSerializable(typeof(SandboxClockResponse))]
public sealed partial class GatewayJson : JsonSerializerContext;
