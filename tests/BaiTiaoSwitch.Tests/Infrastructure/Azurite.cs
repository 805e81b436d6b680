using System.Net.Sockets;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>Tests that need storage fail loudly when Azurite is not reachable; they never skip silently.</summary>
public static class Azurite
{
    /// <summary>Azurite at its default ports, unless BTS_TEST_STORAGE names another Azure Storage connection string.</summary>
    public static readonly string ConnectionString = Environment.GetEnvironmentVariable("BTS_TEST_STORAGE") is { Length: > 0 } configured
        ? configured
        : "UseDevelopmentStorage=true";

    public static void EnsureRunning()
    {
        foreach (var port in Ports())
        {
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", port);
            }
            catch (SocketException exception)
            {
                throw new InvalidOperationException(
                    $"Azurite is not reachable on 127.0.0.1:{port}. These tests keep state in Azure Storage; start Azurite first " +
                    "(deploy/local/test.sh does it, or: npx azurite --skipApiVersionCheck --location .azurite).", exception);
            }
        }
    }

    private static IEnumerable<int> Ports()
    {
        if (ConnectionString == "UseDevelopmentStorage=true")
        {
            return [10000, 10002];
        }

        // Endpoints look like BlobEndpoint=http://127.0.0.1:20000/devstoreaccount1;
        return ConnectionString.Split(';')
            .Where(part => part.Contains("Endpoint=http://127.0.0.1:", StringComparison.Ordinal))
            .Select(part => int.Parse(part.Split(':')[2].Split('/')[0], System.Globalization.CultureInfo.InvariantCulture));
    }
}
