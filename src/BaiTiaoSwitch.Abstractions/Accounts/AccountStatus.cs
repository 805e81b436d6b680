namespace BaiTiaoSwitch.Accounts;

[GenerateSerializer, Alias("bts.AccountStatus")]
public enum AccountStatus
{
    Active = 0,
    Frozen = 1,
    Closed = 2,
}
