using Realtime.Testing;

namespace Realtime.Web.Tests;

public sealed class WebClientTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task TheOfficialSignalRClientChatsLikesAndGetsErrorCodesUnderNode()
    {
        var (exitCode, output) = await NodeScript.RunAsync("tests/official-client.mjs", fixture.Silo.BaseUri, ScriptTimeout);

        Assert.True(exitCode == 0, output + "\nsilo:\n" + fixture.Silo.Output);
    }

    [Fact]
    public async Task TheViewerInChromiumOpensARoomChatsAndLikes()
    {
        var (exitCode, output) = await NodeScript.RunAsync("tests/browser.mjs", fixture.Silo.BaseUri, ScriptTimeout);

        Assert.True(exitCode == 0, output + "\nsilo:\n" + fixture.Silo.Output);
    }

    [Fact]
    public async Task TheNotificationBadgeRisesWhenSomeoneCommentsOnYourNote()
    {
        var (exitCode, output) = await NodeScript.RunAsync("tests/browser-notes.mjs", fixture.Silo.BaseUri, ScriptTimeout);

        Assert.True(exitCode == 0, output + "\nsilo:\n" + fixture.Silo.Output);
    }

    [Fact]
    public async Task TheViewerShowsTranslationsWithExplanationHints()
    {
        var (exitCode, output) = await NodeScript.RunAsync("tests/browser-translation.mjs", fixture.Silo.BaseUri, ScriptTimeout);

        Assert.True(exitCode == 0, output + "\nsilo:\n" + fixture.Silo.Output);
    }

    [Fact]
    public async Task TwoPeopleMessageEachOtherLiveWithAnUnreadBadgeWhileContactDetailsAndBlocksAreRefused()
    {
        var (exitCode, output) = await NodeScript.RunAsync("tests/browser-messages.mjs", fixture.Silo.BaseUri, ScriptTimeout);

        Assert.True(exitCode == 0, output + "\nsilo:\n" + fixture.Silo.Output);
    }

    [Fact]
    public async Task AHostPinsAProductAndViewersBuyItLiveOncePerClickEvenAcrossALostAnswerUntilItIsSoldOut()
    {
        var (exitCode, output) = await NodeScript.RunAsync("tests/browser-commerce.mjs", fixture.Silo.BaseUri, ScriptTimeout);

        Assert.True(exitCode == 0, output + "\nsilo:\n" + fixture.Silo.Output);
    }

    [Fact]
    public async Task TaggedNotesTrendLiveOnTheHomePageAndTheirTopicPageShowsLiveCountersAndTheNotes()
    {
        var (exitCode, output) = await NodeScript.RunAsync("tests/browser-topics.mjs", fixture.Silo.BaseUri, ScriptTimeout);

        Assert.True(exitCode == 0, output + "\nsilo:\n" + fixture.Silo.Output);
    }

    [Fact]
    public async Task TheSiloServesTheViewerAndTheSignalRBundle()
    {
        using var http = new HttpClient { BaseAddress = fixture.Silo.BaseUri };

        var index = await http.GetStringAsync("/");
        var bundle = await http.GetAsync("/lib/signalr.min.js");

        Assert.Contains("<html", index, StringComparison.OrdinalIgnoreCase);
        Assert.True(bundle.IsSuccessStatusCode);
    }
}
