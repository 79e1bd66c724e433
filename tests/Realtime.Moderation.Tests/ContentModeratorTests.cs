using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Realtime.Contracts.Errors;
using Realtime.Contracts.Moderation;

namespace Realtime.Moderation.Tests;

public sealed class ContentModeratorTests
{
    private readonly ContentModerator moderator = new(new TextNormalizer());

    public ContentModeratorTests() => moderator.UseTerms(new ModerationTermList(
    [
        new ModerationTerm("en", "scam", TermActions.Block),
        new ModerationTerm("en", "crap", TermActions.Mask),
        new ModerationTerm("es", "estafa", TermActions.Review),
        new ModerationTerm("zh-Hans", "垃圾", TermActions.Mask),
    ], Version: 7));

    [Fact]
    public void A_clean_text_is_accepted_as_written()
    {
        var verdict = moderator.Check("great stream tonight", ContentChannel.Chat);
        Assert.Equal(new ModerationVerdict("great stream tonight", false, false, null, []), verdict with { Reasons = [] });
        Assert.True(verdict.Accepted);
        Assert.Empty(verdict.Reasons);
    }

    [Fact]
    public void A_mask_term_is_replaced_by_stars()
    {
        var verdict = moderator.Check("what c.r.a.p, 真垃圾", ContentChannel.Comment);
        Assert.Equal("what ***, 真***", verdict.Text);
        Assert.True(verdict.Masked);
        Assert.Equal(["term:crap", "term:垃圾"], verdict.Reasons);
    }

    [Fact]
    public void A_block_term_refuses_before_anything_else()
    {
        var verdict = moderator.Check("scam! call 13812345678, estafa, crap", ContentChannel.DirectMessage);
        Assert.Equal(ErrorCodes.BlockedTerm, verdict.Refusal?.Code);
        Assert.False(verdict.Masked);
        Assert.Contains("contact:phone", verdict.Reasons);
        Assert.Contains("term:scam", verdict.Reasons);
    }

    [Fact]
    public void A_contact_in_a_refusing_channel_refuses_before_review()
    {
        var verdict = moderator.Check("estafa? llámame 612 345 678", ContentChannel.DirectMessage);
        Assert.Equal(ErrorCodes.ContactBlocked, verdict.Refusal?.Code);
        Assert.False(verdict.Held);
    }

    [Fact]
    public void A_review_term_holds_the_text_as_written_and_masking_still_applies()
    {
        var verdict = moderator.Check("es una estafa, crap, llámame 612 345 678", ContentChannel.Chat);
        Assert.Null(verdict.Refusal);
        Assert.True(verdict.Held);
        Assert.Equal("es una estafa, ***, llámame ***", verdict.Text);
        Assert.Equal(["term:estafa", "term:crap", "contact:phone"], verdict.Reasons);
    }

    [Theory]
    [InlineData(ContentChannel.Chat)]
    [InlineData(ContentChannel.Comment)]
    [InlineData(ContentChannel.NoteTitle)]
    [InlineData(ContentChannel.NoteBody)]
    [InlineData(ContentChannel.DisplayName)]
    public void Contacts_are_masked_by_default_outside_direct_messages(ContentChannel channel)
    {
        var verdict = moderator.Check("加微 xiaomei888 或 a@b.com", channel);
        Assert.Null(verdict.Refusal);
        Assert.Equal("*** 或 ***", verdict.Text);
        Assert.Equal(["contact:messenger", "contact:email"], verdict.Reasons);
    }

    [Fact]
    public void Contacts_are_refused_by_default_in_direct_messages()
    {
        var verdict = moderator.Check("my wechat: lucy_88", ContentChannel.DirectMessage);
        Assert.Equal(ErrorCodes.ContactBlocked, verdict.Refusal?.Code);
        Assert.Equal("my wechat: lucy_88", verdict.Text);
    }

    [Fact]
    public void A_caller_that_allows_contacts_skips_the_contact_filter()
    {
        var verdict = moderator.Check("call us at 555-123-4567, crap", ContentChannel.DirectMessage, contactsAllowed: true);
        Assert.Null(verdict.Refusal);
        Assert.Equal("call us at 555-123-4567, ***", verdict.Text);
    }

    [Fact]
    public void Swapping_the_terms_keeps_their_version()
    {
        Assert.Equal(7, moderator.TermsVersion);
        moderator.UseTerms(new ModerationTermList([new ModerationTerm("en", "crap", TermActions.Block)], 8));
        Assert.Equal(8, moderator.TermsVersion);
        Assert.Equal(ErrorCodes.BlockedTerm, moderator.Check("crap", ContentChannel.Chat).Refusal?.Code);
        Assert.Null(moderator.Check("scam", ContentChannel.Chat).Refusal);
    }

    [Fact]
    public async Task Checks_running_while_the_terms_are_swapped_see_one_list_or_the_other()
    {
        var lists = new[]
        {
            new ModerationTermList([new ModerationTerm("en", "alpha", TermActions.Block)], 1),
            new ModerationTermList([new ModerationTerm("en", "beta", TermActions.Block)], 2),
        };
        moderator.UseTerms(lists[0]);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var swapper = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                moderator.UseTerms(lists[i % 2]);
            }
        });
        var checkers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var verdict = moderator.Check("alpha beta", ContentChannel.Chat);
                Assert.Equal(ErrorCodes.BlockedTerm, verdict.Refusal?.Code);
                Assert.Single(verdict.Reasons);
            }
        })).ToArray();
        await Task.WhenAll([swapper, .. checkers]);
    }

    [Theory]
    [InlineData("mask", "refuse", "allow")]
    [InlineData("Refuse", "ALLOW", "Mask")]
    public void Contact_policies_are_bound_from_configuration(string chat, string direct, string displayName)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Moderation:Contacts:Chat"] = chat,
            ["Moderation:Contacts:DirectMessage"] = direct,
            ["Moderation:Contacts:DisplayName"] = displayName,
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddRealtimeModeration(configuration).BuildServiceProvider();
        var moderator = services.GetRequiredService<ContentModerator>();
        Assert.Same(moderator, services.GetRequiredService<ContentModerator>());
        Assert.Equal(Expected(chat), Outcome(moderator.Check("vx: abc_123", ContentChannel.Chat)));
        Assert.Equal(Expected(direct), Outcome(moderator.Check("vx: abc_123", ContentChannel.DirectMessage)));
        Assert.Equal(Expected(displayName), Outcome(moderator.Check("vx: abc_123", ContentChannel.DisplayName)));
        Assert.Equal(ContactPolicy.Mask, Outcome(moderator.Check("vx: abc_123", ContentChannel.Comment)));
    }

    [Fact]
    public void The_registered_normaliser_folds_traditional_chinese_when_opencc_is_installed()
    {
        Assert.NotNull(TestSimplifier.Required);
        using var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Information))
            .AddRealtimeModeration(new ConfigurationBuilder().Build()).BuildServiceProvider();
        Assert.True(services.GetRequiredService<TextNormalizer>().SimplifiesChinese);
        var moderator = services.GetRequiredService<ContentModerator>();
        moderator.UseTerms(new ModerationTermList([new ModerationTerm("zh-Hans", "赌博", TermActions.Block)], 1));
        Assert.Equal(ErrorCodes.BlockedTerm, moderator.Check("來賭博吧", ContentChannel.Chat).Refusal?.Code);
    }

    private static ContactPolicy Expected(string value) => Enum.Parse<ContactPolicy>(value, ignoreCase: true);

    private static ContactPolicy Outcome(ModerationVerdict verdict) => verdict switch
    {
        { Refusal: not null } => ContactPolicy.Refuse,
        { Masked: true } => ContactPolicy.Mask,
        _ => ContactPolicy.Allow,
    };
}
