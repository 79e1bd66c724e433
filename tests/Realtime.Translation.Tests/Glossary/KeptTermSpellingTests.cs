using Realtime.Translation.Glossary;
using Realtime.Translation.Providers;

namespace Realtime.Translation.Tests.Glossary;

public sealed class KeptTermSpellingTests
{
    private static readonly GlossaryDocument Glossary = new(1, [], [new KeptTerm("yyds", "the greatest of all time")]);

    [Fact]
    public void AKeptTermComesBackAsTheWriterSpelledIt()
    {
        var prepared = GlossaryApplier.Prepare("This show is YYDS, and Yyds again", "en", "es", GlossaryMode.Placeholders, Glossary);

        var restored = GlossaryApplier.Restore(prepared.Text.Replace("This show is", "Este show es", StringComparison.Ordinal), prepared);

        Assert.Equal("Este show es YYDS, and Yyds again", restored);
        Assert.Equal("yyds", Assert.Single(prepared.Explanations).Term);
    }

    [Fact]
    public void AzureMarkupKeepsTheWritersSpellingToo()
    {
        var prepared = GlossaryApplier.Prepare("This show is YYDS", "en", "es", GlossaryMode.Markup, Glossary);

        Assert.Equal("This show is <mstrans:dictionary translation=\"YYDS\">YYDS</mstrans:dictionary>", prepared.Text);
    }
}
