using System.Globalization;
using System.Text;
using BaiTiaoSwitch.Cli.Drivers;

namespace BaiTiaoSwitch.Cli.Output;

/// <summary>
/// A statement (账单) for a person in a terminal: each line labelled in Chinese and English, money as yuan with two
/// decimals, the period and due date in China time (where statements are cut). Amounts that lower the balance are
/// shown with a minus sign, so the lines add up to the new balance as printed.
/// </summary>
public static class StatementPrinter
{
    /// <summary>China time (UTC+8, no daylight saving): the time zone of billing days and due dates.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static string Render(StatementView statement, string indent = "    ")
    {
        var firstDay = DateOnly.FromDateTime(statement.PeriodStart.ToOffset(ChinaOffset).DateTime);
        var lastDay = DateOnly.FromDateTime(statement.PeriodEnd.ToOffset(ChinaOffset).DateTime).AddDays(-1);
        var header = new Table(("账单 Statement", Align.Left), (statement.StatementId, Align.Left))
            .Add("账户 Account", statement.AccountId)
            .Add("账单周期 Period", $"{Day(firstDay)} – {Day(lastDay)} (China time 北京时间)")
            .Add("到期还款日 Due date", Day(statement.DueDate))
            .Add("状态 Status", StatusLabel(statement.Status));
        var figures = new Table(("项目 Item", Align.Left), ("金额 Amount", Align.Right))
            .Add("上期账单金额 Previous balance", Yuan.Format(statement.PreviousBalance))
            .Add("本期消费 Purchases", Yuan.Format(statement.Purchases))
            .Add("退款 Refunds", Yuan.Format(-statement.Refunds))
            .Add("本期分期 Installments due", Yuan.Format(statement.InstallmentsDue))
            .Add("费用 Fees", Yuan.Format(statement.Fees))
            .Add("已还款 Repayments", Yuan.Format(-statement.Repayments))
            .Add("调整 Corrections", Yuan.Format(statement.Corrections))
            .Add("本期应还 New balance", Yuan.Format(statement.NewBalance))
            .Add("最低还款额 Minimum due", Yuan.Format(statement.MinimumDue))
            .Add("已还 Paid", Yuan.Format(statement.Paid))
            .Add("尚欠 Still owed", Yuan.Format(Math.Max(0, statement.NewBalance - statement.Paid)));
        return new StringBuilder(header.Render(indent)).Append('\n').Append(figures.Render(indent)).ToString();
    }

    /// <summary>The API's status with its Chinese name: open 待还款, paid 已还清, overdue 已逾期.</summary>
    public static string StatusLabel(string status) => status switch
    {
        "open" => "open 待还款",
        "paid" => "paid 已还清",
        "overdue" => "overdue 已逾期",
        _ => status,
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
