using BaiTiaoSwitch.Cli.Drivers;
using BaiTiaoSwitch.Cli.Output;
using BaiTiaoSwitch.Cli.Statements;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Units;

/// <summary><c>bts statement</c>'s output: Chinese and English labels, yuan with two decimals, China dates, columns that line up.</summary>
public sealed class StatementPrinterTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static StatementView Statement(string id = "st_20261210_acct-1", string status = "open", long paid = 0) => new(
        id, "acct-1",
        PeriodStart: new DateTimeOffset(2026, 11, 11, 0, 0, 0, China),
        PeriodEnd: new DateTimeOffset(2026, 12, 11, 0, 0, 0, China),
        DueDate: new DateOnly(2026, 12, 19),
        PreviousBalance: 0, Purchases: 1_234_567, Refunds: 3_482, InstallmentsDue: 10_600, Fees: 0, Repayments: 0, Corrections: -500,
        NewBalance: 1_241_185, MinimumDue: 134_069, Paid: paid, Status: status);

    [Fact]
    public void A_statement_prints_every_figure_with_chinese_and_english_labels_in_yuan_with_two_decimals()
    {
        var lines = StatementPrinter.Render(Statement()).Split('\n');

        string Line(string label) => Assert.Single(lines, line => line.TrimStart().StartsWith(label, StringComparison.Ordinal));
        Assert.EndsWith("st_20261210_acct-1", Line("账单 Statement"), StringComparison.Ordinal);
        Assert.Contains("2026-11-11 – 2026-12-10", Line("账单周期 Period"), StringComparison.Ordinal);
        Assert.EndsWith("2026-12-19", Line("到期还款日 Due date"), StringComparison.Ordinal);
        Assert.EndsWith("open 待还款", Line("状态 Status"), StringComparison.Ordinal);
        Assert.EndsWith("¥0.00", Line("上期账单金额 Previous balance"), StringComparison.Ordinal);
        Assert.EndsWith("¥12,345.67", Line("本期消费 Purchases"), StringComparison.Ordinal);
        Assert.EndsWith("-¥34.82", Line("退款 Refunds"), StringComparison.Ordinal);
        Assert.EndsWith("¥106.00", Line("本期分期 Installments due"), StringComparison.Ordinal);
        Assert.EndsWith("¥0.00", Line("费用 Fees"), StringComparison.Ordinal);
        Assert.EndsWith("¥0.00", Line("已还款 Repayments"), StringComparison.Ordinal);
        Assert.EndsWith("-¥5.00", Line("调整 Corrections"), StringComparison.Ordinal);
        Assert.EndsWith("¥12,411.85", Line("本期应还 New balance"), StringComparison.Ordinal);
        Assert.EndsWith("¥1,340.69", Line("最低还款额 Minimum due"), StringComparison.Ordinal);
        Assert.EndsWith("¥0.00", Line("已还 Paid"), StringComparison.Ordinal);
        Assert.EndsWith("¥12,411.85", Line("尚欠 Still owed"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_amounts_line_up_in_a_terminal_whatever_the_width_of_the_chinese_labels()
    {
        var figures = StatementPrinter.Render(Statement()).Split('\n').Where(line => line.Contains('¥', StringComparison.Ordinal)).ToList();

        Assert.Equal(11, figures.Count);
        Assert.Single(figures.Select(Table.Width).Distinct());
    }

    [Fact]
    public void The_command_prints_the_newest_statement_in_full_and_one_line_for_each_earlier_one_or_says_there_is_none()
    {
        var text = StatementCommand.Render("acct-1", [Statement(), Statement("st_20261110_acct-1", "paid", paid: 1_241_185)]);

        Assert.Single(text.Split('\n'), line => line.TrimStart().StartsWith("本期应还 New balance", StringComparison.Ordinal));
        var earlier = Assert.Single(text.Split('\n'), line => line.TrimStart().StartsWith("st_20261110_acct-1", StringComparison.Ordinal));
        Assert.Contains("paid 已还清", earlier, StringComparison.Ordinal);
        Assert.Contains("往期账单 Earlier statements", text, StringComparison.Ordinal);
        Assert.Contains("暂无账单 No statement has been cut yet", StatementCommand.Render("acct-1", []), StringComparison.Ordinal);
    }
}
