namespace Realtime.Translation.Providers;

/// <summary>One translated text and, when the provider detected it, the source language it saw.</summary>
public sealed record ProviderTranslation(string Text, string? DetectedLanguage);
