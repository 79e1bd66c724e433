using System.ComponentModel;
using Microsoft.Extensions.Logging;

namespace Realtime.Translation.Providers.OpenCc;

/// <summary>
/// OpenCC: converts Chinese between simplified (zh-Hans, zh-CN, zh-SG) and traditional
/// (zh-Hant, zh-TW, zh-HK, zh-MO) characters with <c>s2t.json</c> and <c>t2s.json</c>. Uses
/// libopencc in process (one handle per direction, each behind a lock) and falls back to the
/// <c>opencc</c> command when the library cannot be loaded; with neither it supports nothing.
/// Text that is not Chinese (Latin, emoji, placeholders such as <c>ZXQ0</c>) passes unchanged.
/// </summary>
public sealed class OpenCcProvider : ITranslationProvider, IDisposable
{
    private const string ProviderName = "opencc";
    private static readonly string[] Configs = [OpenCcScripts.ToTraditional, OpenCcScripts.ToSimplified];

    private readonly ILogger logger;
    private readonly OpenCcBackendKind preferred;
    private readonly string command;
    private volatile State state = State.Nothing;
    private bool disposed;

    /// <param name="logger">Never receives the texts.</param>
    public OpenCcProvider(ILogger<OpenCcProvider> logger)
        : this(logger, OpenCcBackendKind.Library, "opencc")
    {
    }

    /// <param name="logger">Never receives the texts.</param>
    /// <param name="preferred"><see cref="OpenCcBackendKind.Library"/> (falls back to the command) or <see cref="OpenCcBackendKind.Command"/> (command only).</param>
    /// <param name="command">The opencc command.</param>
    internal OpenCcProvider(ILogger logger, OpenCcBackendKind preferred, string command)
    {
        ArgumentNullException.ThrowIfNull(logger);
        this.logger = logger;
        this.preferred = preferred;
        this.command = command;
    }

    /// <inheritdoc />
    public string Name => ProviderName;

    /// <inheritdoc />
    public GlossaryMode GlossaryMode => GlossaryMode.Placeholders;

    /// <summary>How OpenCC is reached; <see cref="OpenCcBackendKind.None"/> before initialisation or when it is not installed.</summary>
    public OpenCcBackendKind Backend => state.Backend;

    /// <summary>
    /// Opens both directions with libopencc, or, when the library cannot be loaded, checks that the
    /// <c>opencc</c> command converts with them. Never throws for a missing OpenCC.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (state.Backend != OpenCcBackendKind.None)
        {
            return;
        }

        State opened;
        string? missing = null;
        if (preferred == OpenCcBackendKind.Library && TryOpenLibrary(out var library, out missing))
        {
            opened = library;
        }
        else
        {
            if (preferred == OpenCcBackendKind.Library)
            {
                OpenCcLog.LibraryMissing(logger, missing!);
            }

            opened = await OpenCommandAsync(cancellationToken).ConfigureAwait(false);
        }

        if (opened.Converters.Count == 0)
        {
            OpenCcLog.Unavailable(logger, opened.Backend == OpenCcBackendKind.None
                ? $"neither {OpenCcNative.Library} nor the '{command}' command is installed"
                : "no conversion configuration could be opened");
            state = State.Nothing;
            return;
        }

        state = opened;
        OpenCcLog.Available(logger, opened.Backend, string.Join(", ", opened.Converters.Keys.Order(StringComparer.Ordinal)));
    }

    /// <summary>True between the two Chinese scripts (see <see cref="OpenCcScripts.Config"/>), when that direction opened.</summary>
    public bool Supports(string? sourceLanguage, string targetLanguage) =>
        OpenCcScripts.Config(sourceLanguage, targetLanguage) is { } config && state.Converters.ContainsKey(config);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProviderTranslation>> TranslateAsync(ProviderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var config = OpenCcScripts.Config(request.SourceLanguage, request.TargetLanguage);
        if (config is null || !state.Converters.TryGetValue(config, out var converter))
        {
            throw new TranslationProviderException(ProviderName, $"OpenCC does not convert {request.SourceLanguage ?? "(undetected)"} into {request.TargetLanguage}");
        }

        IReadOnlyList<string> converted;
        try
        {
            converted = await converter.ConvertAsync(request.Texts, cancellationToken).ConfigureAwait(false);
        }
        catch (OpenCcException e)
        {
            throw new TranslationProviderException(ProviderName, e.Message, e);
        }
        catch (ObjectDisposedException e)
        {
            throw new TranslationProviderException(ProviderName, "the provider is shut down", e);
        }

        var results = new ProviderTranslation[converted.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = new ProviderTranslation(converted[i], DetectedLanguage: null);
        }

        return results;
    }

    /// <summary>Closes the libopencc handles.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        var current = state;
        state = State.Nothing;
        foreach (var converter in current.Converters.Values)
        {
            converter.Dispose();
        }
    }

    private bool TryOpenLibrary(out State opened, out string? missing)
    {
        var converters = new Dictionary<string, IOpenCcConverter>(StringComparer.Ordinal);
        foreach (var config in Configs)
        {
            try
            {
                converters[config] = OpenCcLibraryConverter.Open(config);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                foreach (var converter in converters.Values)
                {
                    converter.Dispose();
                }

                opened = State.Nothing;
                missing = e.Message;
                return false;
            }
            catch (OpenCcException e)
            {
                OpenCcLog.ConfigUnavailable(logger, OpenCcBackendKind.Library, config, e.Message);
            }
        }

        opened = new State(OpenCcBackendKind.Library, converters);
        missing = null;
        return true;
    }

    private async Task<State> OpenCommandAsync(CancellationToken cancellationToken)
    {
        var path = FindOnPath(command);
        if (path is null)
        {
            return State.Nothing;
        }

        // Each direction proves itself on one character before it is offered.
        var converters = new Dictionary<string, IOpenCcConverter>(StringComparer.Ordinal);
        foreach (var (config, probe, expected) in new[] { (OpenCcScripts.ToTraditional, "汉", "漢"), (OpenCcScripts.ToSimplified, "漢", "汉") })
        {
            var converter = new OpenCcCommandConverter(path, config);
            try
            {
                var answer = await converter.ConvertAsync([probe], cancellationToken).ConfigureAwait(false);
                if (answer[0] == expected)
                {
                    converters[config] = converter;
                    continue;
                }

                OpenCcLog.ConfigUnavailable(logger, OpenCcBackendKind.Command, config, $"it converted {probe} into '{answer[0]}'");
            }
            catch (Exception e) when (e is OpenCcException or Win32Exception or IOException)
            {
                OpenCcLog.ConfigUnavailable(logger, OpenCcBackendKind.Command, config, e.Message);
            }

            converter.Dispose();
        }

        return new State(OpenCcBackendKind.Command, converters);
    }

    private static string? FindOnPath(string name)
    {
        if (name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private sealed record State(OpenCcBackendKind Backend, IReadOnlyDictionary<string, IOpenCcConverter> Converters)
    {
        public static State Nothing { get; } = new(OpenCcBackendKind.None, new Dictionary<string, IOpenCcConverter>());
    }
}
