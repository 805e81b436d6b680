using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Bindings;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Security;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Infrastructure.Load;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Xunit;

namespace BaiTiaoSwitch.Tests.Bindings;

/// <summary>Issue 6 §6: binding keeps nothing without a bound: records of numbers that never bind go, and so do attempts and their pending grants.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BindingUpkeepTests(ClusterFixture fixture)
{
    private static readonly BindingOptions Defaults = new();

    [Fact]
    public async Task The_record_of_a_number_that_never_binds_is_deleted_once_its_windows_pass()
    {
        var line = await BindingLine.Open(fixture.Cluster.GrainFactory);
        var number = BindingLine.UnknownNumber();
        var wallet = Wallets.WithoutRetries(fixture.Cluster.GrainFactory, "alipay");
        await Assert.ThrowsAsync<OperationRejectedException>(() => wallet.StartBindingAsync(new BindingRequest(number, line.Holder)));
        var cardKey = SiloSide.Services(fixture.Cluster).GetRequiredService<FieldProtector>().LookupHash(number, Purposes.CardNumber);
        var grainId = GrainId.Create("cardbinding", cardKey);
        Assert.True(await Stored<CardBindingState>("card-binding", grainId));
        Assert.NotNull(await SiloSide.Reminders(fixture.Cluster).ReadRow(grainId, "binding-tidy"));

        // Within its window the record stays; once the window has passed, the reminder deletes it and goes too.
        await AttemptReminder.TickCard(fixture.Cluster, cardKey);
        Assert.True(await Stored<CardBindingState>("card-binding", grainId));
        SwitchSiloConfigurator.Clock.Advance(Defaults.FailureWindow);
        await AttemptReminder.TickCard(fixture.Cluster, cardKey);

        Assert.False(await Stored<CardBindingState>("card-binding", grainId));
        Assert.Null(await SiloSide.Reminders(fixture.Cluster).ReadRow(grainId, "binding-tidy"));
    }

    [Fact]
    public async Task An_attempt_whose_code_never_comes_ends_its_pending_grant_and_is_deleted_after_its_retention()
    {
        var line = await BindingLine.Open(fixture.Cluster.GrainFactory);
        var wallet = Wallets.WithoutRetries(fixture.Cluster.GrainFactory, "alipay");
        var (grantId, code) = await line.Start(wallet);
        var grainId = GrainId.Create("bindingattempt", grantId);
        Assert.NotNull(await SiloSide.Reminders(fixture.Cluster).ReadRow(grainId, BindingAttemptGrain.ReminderName));

        SwitchSiloConfigurator.Clock.Advance(Defaults.OtpLifetime);
        await AttemptReminder.Tick(fixture.Cluster, grantId);
        Assert.Equal(GrantStatus.Revoked, (await line.Issuer.GetGrantAsync(grantId)).Status);
        Assert.Equal(ErrorCodes.OtpInvalid, (await Assert.ThrowsAsync<OperationRejectedException>(() => wallet.VerifyBindingAsync(grantId, code))).Code);
        Assert.True(await Stored<BindingAttemptState>("binding-attempt", grainId));

        SwitchSiloConfigurator.Clock.Advance(Defaults.AttemptRetention);
        await AttemptReminder.Tick(fixture.Cluster, grantId);

        Assert.False(await Stored<BindingAttemptState>("binding-attempt", grainId));
        Assert.Null(await SiloSide.Reminders(fixture.Cluster).ReadRow(grainId, BindingAttemptGrain.ReminderName));
    }

    [Fact]
    public async Task The_codes_sent_to_a_phone_are_forgotten_once_their_hour_has_passed()
    {
        var line = await BindingLine.Open(fixture.Cluster.GrainFactory);
        await line.Start(Wallets.WithoutRetries(fixture.Cluster.GrainFactory, "alipay"));
        var phoneKey = SiloSide.Services(fixture.Cluster).GetRequiredService<FieldProtector>().LookupHash(HolderRecord.NormalizePhone(line.Holder.Phone), Purposes.Phone);
        var grainId = GrainId.Create("phonecodes", phoneKey);
        Assert.True(await Stored<PhoneCodesState>("phone-codes", grainId));

        SwitchSiloConfigurator.Clock.Advance(BindingOptions.Hour);
        await SiloSide.Grains(fixture.Cluster).GetGrain<IPhoneCodesGrain>(phoneKey).AsReference<IRemindable>().ReceiveReminder("binding-tidy", default);

        Assert.False(await Stored<PhoneCodesState>("phone-codes", grainId));
        Assert.Null(await SiloSide.Reminders(fixture.Cluster).ReadRow(grainId, "binding-tidy"));
    }

    private async Task<bool> Stored<TState>(string stateName, GrainId grainId)
        where TState : new()
    {
        var entities = SiloSide.Services(fixture.Cluster).GetRequiredKeyedService<IGrainStorage>(StorageNames.Entities);
        var state = new GrainState<TState>(new TState());
        await entities.ReadStateAsync(stateName, grainId, state);
        return state.RecordExists;
    }
}
