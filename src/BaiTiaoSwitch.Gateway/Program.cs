using BaiTiaoSwitch.Gateway.Accounts;
using BaiTiaoSwitch.Gateway.Alerts;
using BaiTiaoSwitch.Gateway.Events;
using BaiTiaoSwitch.Gateway.Bindings;
using BaiTiaoSwitch.Gateway.Cards;
using BaiTiaoSwitch.Gateway.Credit;
using BaiTiaoSwitch.Gateway.Grants;
using BaiTiaoSwitch.Gateway.Health;
using BaiTiaoSwitch.Gateway.Hosting;
using BaiTiaoSwitch.Gateway.Payments;
using BaiTiaoSwitch.Gateway.Risk;
using BaiTiaoSwitch.Gateway.Sandbox;

var builder = WebApplication.CreateBuilder(args);
builder.AddBaiTiaoSwitchGateway();

var app = builder.Build();
app.UseBaiTiaoSwitchGateway();
app.MapHealthApi();
app.MapAccountsApi();
app.MapCardsApi();
app.MapGrantsApi();
app.MapBindingsApi();
app.MapPaymentsApi();
app.MapCreditApi();
app.MapRiskApi();
app.MapAlertsApi();
app.MapEventsApi();
app.MapSandboxApi();
app.Run();

/// <summary>The gateway's entry point; public so that functional tests can host it (WebApplicationFactory).</summary>
public partial class Program;
