namespace Realtime.Grains.Users;

/// <summary>A user's persisted profile.</summary>
public sealed class UserState
{
    public string DisplayName { get; set; } = "";

    public DateTimeOffset RegisteredAt { get; set; }
}
