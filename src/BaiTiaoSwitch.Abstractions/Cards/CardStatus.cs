namespace BaiTiaoSwitch.Cards;

[GenerateSerializer, Alias("bts.CardStatus")]
public enum CardStatus
{
    Active = 0,
    Frozen = 1,
    Cancelled = 2,
}
