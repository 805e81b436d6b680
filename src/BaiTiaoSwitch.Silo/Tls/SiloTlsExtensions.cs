using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace BaiTiaoSwitch.Silo.Tls;

public static class SiloTlsExtensions
{
    /// <summary>
    /// Puts TLS (Microsoft.Orleans.Connections.Security) on the silo-to-silo port, where peers must show the cluster's
    /// certificate, and on the client port. Without a certificate the silo stays plaintext, which the validator allows
    /// in the Development environment only.
    /// </summary>
    public static ISiloBuilder AddBaiTiaoSwitchTls(this ISiloBuilder silo, Action<OptionsBuilder<SiloTlsOptions>> configure)
    {
        configure(silo.Services.AddOptions<SiloTlsOptions>().ValidateOnStart());
        silo.Services.AddSingleton<IValidateOptions<SiloTlsOptions>, SiloTlsOptionsValidator>();
        silo.Services.AddOptions<SiloConnectionOptions>().Configure<IOptions<SiloTlsOptions>>((connections, options) =>
        {
            SiloTlsOptions tls;
            try
            {
                tls = options.Value;
            }
            catch (OptionsValidationException)
            {
                // Orleans reads its connection options while the host is built, before the start-up validation that
                // names every bad setting (TLS's among them) and stops the silo. Let that validation speak.
                return;
            }

            if (!tls.HasCertificate)
            {
                return;
            }

            var certificate = ClusterCertificate.Load(tls);
            var silos = ClusterCertificate.Options(certificate, tls.TargetHost, requirePeerCertificate: true);
            var clients = ClusterCertificate.Options(certificate, tls.TargetHost, requirePeerCertificate: false);
            connections.ConfigureSiloInboundConnection(connection => connection.UseServerTls(silos));
            connections.ConfigureSiloOutboundConnection(connection => connection.UseClientTls(silos));
            connections.ConfigureGatewayInboundConnection(connection => connection.UseServerTls(clients));
        });
        return silo;
    }
}
