using BaiTiaoSwitch.Silo;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.AddBaiTiaoSwitchSilo();
await builder.Build().RunAsync();
