namespace Realtime.Translation.Providers.OpenCc;

/// <summary>One OpenCC configuration (one direction, e.g. <c>s2t.json</c>), ready to convert.</summary>
internal interface IOpenCcConverter : IDisposable
{
    /// <summary>The configuration file name.</summary>
    string Config { get; }

    /// <summary>Converts every text, in order.</summary>
    /// <exception cref="OpenCcException">OpenCC failed.</exception>
    Task<IReadOnlyList<string>> ConvertAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken);
}
