using BaiTiaoSwitch.Gateway.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BaiTiaoSwitch.Gateway.Problems;

/// <summary>Makes problem answers. A detail never holds a value from the request, only field names and rules.</summary>
public static class ApiProblems
{
    public const string ContentType = "application/problem+json";

    public static Problem Create(string code, string? detail = null, int? status = null)
    {
        var info = ErrorCatalog.Get(code);
        return new Problem("https://baitiao-switch.dev/problems/" + code, info.Title, status ?? info.Status, code, detail ?? info.Description);
    }

    public static JsonHttpResult<Problem> Result(string code, string? detail = null, int? status = null)
    {
        var problem = Create(code, detail, status);
        return TypedResults.Json(problem, GatewayJson.Default.Problem, ContentType, problem.Status);
    }

    public static JsonHttpResult<Problem> FromException(SwitchException exception) =>
        Result(exception.Code, exception.Message, ErrorCatalog.StatusOf(exception));

    public static Task Write(HttpContext context, string code, string? detail = null)
    {
        var problem = Create(code, detail);
        context.Response.StatusCode = problem.Status;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        return context.Response.WriteAsJsonAsync(problem, GatewayJson.Default.Problem, ContentType);
    }
}
