namespace Realtime.Grains.Commerce;

/// <summary>A product's persisted state; its orders live in the grain's log.</summary>
public sealed class ProductState
{
    public string Title { get; set; } = "";

    public long PriceCents { get; set; }

    public string Currency { get; set; } = "";

    /// <summary>Units put on sale.</summary>
    public int Stock { get; set; }

    /// <summary>Units not yet reserved: never below zero.</summary>
    public int Remaining { get; set; }

    public string? ImageUrl { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Orders taken (the log's seq).</summary>
    public long Orders { get; set; }
}
