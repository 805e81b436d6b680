using System.Net;
using System.Net.Sockets;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>Free ports on 127.0.0.1 for the private servers of a run (Azurite, PostgreSQL), and whether one answers.</summary>
public static class LoopbackPorts
{
    public static int[] Free(int count)
    {
        // Held open together, so the ports are distinct.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(listener => listener.Start());
        var ports = listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
        listeners.ForEach(listener => listener.Stop());
        return ports;
    }

    public static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
