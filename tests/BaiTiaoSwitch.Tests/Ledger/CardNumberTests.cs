using BaiTiaoSwitch.Cards;
using Xunit;

namespace BaiTiaoSwitch.Tests.Ledger;

public sealed class CardNumberTests
{
    [Fact]
    public void Generated_numbers_are_16_digits_under_the_bin_and_Luhn_valid()
    {
        for (var i = 0; i < 1_000; i++)
        {
            var number = CardNumbers.Generate("62123400");
            Assert.Equal(16, number.Length);
            Assert.StartsWith("62123400", number);
            Assert.True(CardNumbers.IsLuhnValid(number));
        }
    }

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("79927398713", true)]
    [InlineData("7992739871x", false)]
    public void Luhn_check_matches_known_values(string number, bool valid) => Assert.Equal(valid, CardNumbers.IsLuhnValid(number));
}
