namespace BaiTiaoSwitch.Payments;

[GenerateSerializer, Alias("bts.AuthorizationStatus")]
public enum AuthorizationStatus
{
    Pending = 0,
    Closed = 1,
    Reversed = 2,
    Expired = 3,
    Declined = 4,
}

[GenerateSerializer, Alias("bts.Decision")]
public enum Decision
{
    Approved = 0,
    Declined = 1,
}
