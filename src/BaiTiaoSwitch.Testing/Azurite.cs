using System.Globalization;
using System.Net.Sockets;

namespace BaiTiaoSwitch.Testing;

/// <summary>The Azurite that tests use. Tests that need it fail loudly when it is not reachable; they never skip silently.</summary>
public static class Azurite
{
    /// <summary>Azurite at its default ports, unless BTS_TEST_STORAGE names another Azure Storage connection string.</summary>
    public static readonly string ConnectionString = Environment.GetEnvironmentVariable("BTS_TEST_STORAGE") is { Length: > 0 } configured
        ? configured
        : "UseDevelopmentStorage=true";

    /// <summary>Throws, saying how to start Azurite, unless its blob, queue and table ports answer.</summary>
    public static void EnsureRunning() => EnsureRunning(ConnectionString);

    public static void EnsureRunning(string connectionString)
    {
        foreach (var port in Ports(connectionString))
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
                    "(deploy/local/test.sh does it, or: npx azurite --silent --skipApiVersionCheck --location .azurite).", exception);
            }
        }
    }

    private static IEnumerable<int> Ports(string connectionString)
    {
        if (connectionString == "UseDevelopmentStorage=true")
        {
            return [10000, 10001, 10002];
        }

        // Endpoints look like BlobEndpoint=http://127.0.0.1:20000/devstoreaccount1;
        return connectionString.Split(';')
            .Where(part => part.Contains("Endpoint=http://127.0.0.1:", StringComparison.Ordinal))
            .Select(part => int.Parse(part.Split(':')[2].Split('/')[0], CultureInfo.InvariantCulture));
    }
}
