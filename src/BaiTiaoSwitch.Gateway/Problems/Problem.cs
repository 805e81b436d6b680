namespace BaiTiaoSwitch.Gateway.Problems;

/// <summary>An error as <c>application/problem+json</c>. <see cref="Code"/> is the stable machine code.</summary>
public sealed record Problem(string Type, string Title, int Status, string Code, string Detail);
