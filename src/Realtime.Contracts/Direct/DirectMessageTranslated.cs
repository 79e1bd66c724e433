using Orleans;
using Realtime.Contracts.Rooms;

namespace Realtime.Contracts.Direct;

/// <summary>The <c>directMessageTranslated</c> event, sent only to the participants' connections reading <paramref name="Language"/>.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.DirectMessageTranslated")]
public sealed record DirectMessageTranslated(string ConversationId, long Seq, string Language, string Text, IReadOnlyList<TermExplanation> Explanations);
