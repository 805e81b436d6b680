using Microsoft.AspNetCore.Builder;

namespace BaiTiaoSwitch.Silo;

/// <summary>
/// A silo host. Not top-level statements: the web SDK would make a public global <c>Program</c>, which clashes with the
/// gateway's in tests that reference both.
/// </summary>
public static class SiloProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddBaiTiaoSwitchSilo();

        var app = builder.Build();
        app.UseBaiTiaoSwitchSiloOperations();
        await app.RunAsync();
    }
}
