using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Infrastructure;

/// <summary>
/// An alert reaches the alert store through the event stream, after the answer of the call that raised it: a test asks
/// GET /v1/alerts until the alert is there (for at most a minute), then expects exactly one.
/// </summary>
public static class AlertListing
{
    public static async Task<ApiResponse> UntilSingleListed(SignedClient issuer, string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var listed = await issuer.Get(path);
            Assert.Equal(200, listed.Status);
            if (listed.Body!["alerts"]!.AsArray().Count > 0 || DateTime.UtcNow > deadline)
            {
                Assert.Single(listed.Body!["alerts"]!.AsArray());
                return listed;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
