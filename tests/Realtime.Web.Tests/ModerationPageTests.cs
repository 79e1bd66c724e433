using Realtime.Testing;

namespace Realtime.Web.Tests;

public sealed class ModerationPageTests(AdminSiloFixture fixture) : IClassFixture<AdminSiloFixture>
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task AnAdminHoldsALineWithAReviewTermReleasesItToViewersAndRejectsAReportedComment()
    {
        var (exitCode, output) = await NodeScript.RunAsync("tests/browser-moderation.mjs", fixture.Silo.BaseUri, ScriptTimeout);

        Assert.True(exitCode == 0, output + "\nsilo:\n" + fixture.Silo.Output);
    }
}
