using BaiTiaoSwitch.Credit;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit;

public sealed class CreditContractsSerializationTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(Statement).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static readonly CreditTerms Terms = CreditTerms.Default;
    private static readonly StatementPeriods Calendar = StatementPeriods.For(3, Terms);
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 3, 0, 0, TimeSpan.Zero);

    private static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    [Fact]
    public void Terms_plans_statements_and_accruals_survive_the_Orleans_serializer_as_state_and_wire_types()
    {
        var plan = InstallmentPlans.Make("pl_1", "cp_1", "acct", Money.Cny, 100_000, 6, Terms, Calendar, Now);
        var statement = StatementCut.Cut("acct", Money.Cny, null, new DateOnly(2026, 5, 3), Calendar, [new(CreditMovementKind.Purchase, 700, Now, "cp_1")], Terms, Now);
        var accrual = LateFees.Start(statement, 700, Terms);
        var owed = new RepaymentOwed([new OwedItem("lf", Now, 5)], [], [], [new OwedItem("st", Now, 700)], []);

        Assert.Equivalent(Terms, RoundTrip(Terms), strict: true);
        Assert.Equivalent(plan, RoundTrip(plan), strict: true);
        Assert.Equal(plan.Schedule, RoundTrip(plan).Schedule);
        Assert.Equal(statement, RoundTrip(statement));
        Assert.Equal(accrual, RoundTrip(accrual));
        Assert.Equivalent(owed, RoundTrip(owed), strict: true);
        Assert.Equivalent(RepaymentAllocation.Allocate(100, owed), RoundTrip(RepaymentAllocation.Allocate(100, owed)), strict: true);
        Assert.Equal(new CreditUse(1, 2, 3), RoundTrip(new CreditUse(1, 2, 3)));
        Assert.Equal(new CreditMovement(CreditMovementKind.LateFee, 9, Now, "x"), RoundTrip(new CreditMovement(CreditMovementKind.LateFee, 9, Now, "x")));
    }
}
