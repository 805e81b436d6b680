using BaiTiaoSwitch;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Payments;

namespace Samples.WalletGatewayTests;

/// <summary>
/// The code under test in this sample: a wallet gateway's own logic in front of the switch's SDK. It turns a checkout
/// into an authorization (its order id is the idempotency key, so a retried checkout pays once), ships by capturing in
/// full, and refunds a returned order.
/// </summary>
public sealed class FakeWallet(BaiTiaoSwitchClient sdk)
{
    public static readonly Merchant Store = new("m-0571", "Luckin Coffee", "5814", "CN");

    public async Task<Authorization> CheckoutAsync(string grantId, string orderId, long fen) =>
        await sdk.AuthorizeAsync(new AuthorizeRequest(grantId, null, Money.Fen(fen), Store), RequestOptions.WithKey("checkout-" + orderId));

    public async Task<Capture> ShipAsync(Authorization payment) =>
        await sdk.CaptureAsync(payment.AuthorizationId, payment.Amount, final: true, RequestOptions.WithKey("ship-" + payment.AuthorizationId));

    public async Task<Refund> ReturnAsync(Capture capture, long fen) =>
        await sdk.RefundAsync(capture.CaptureId, Money.Fen(fen), RequestOptions.WithKey("return-" + capture.CaptureId + "-" + fen));
}
