using System.Net.Sockets;

namespace BaiTiaoSwitch.Gateway.Tests.Infrastructure;

/// <summary>Tests that need storage fail loudly when Azurite is not reachable; they never skip silently.</summary>
public static class Azurite
{
    public const string ConnectionString = "UseDevelopmentStorage=true";

    public static void EnsureRunning()
    {
        foreach (var port in new[] { 10000, 10002 })
        {
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", port);
            }
            catch (SocketException exception)
            {
                throw new InvalidOperationException(
                    $"Azurite is not reachable on 127.0.0.1:{port}. The gateway tests run a real cluster with state in Azure Storage; start Azurite first " +
                    "(npx azurite --silent --skipApiVersionCheck --location .azurite).", exception);
            }
        }
    }
}
