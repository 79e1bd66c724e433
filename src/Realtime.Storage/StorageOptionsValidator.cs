using Microsoft.Extensions.Options;

namespace Realtime.Storage;

/// <summary>Refuses storage settings a silo cannot start with, naming the key to fix.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!StorageProviders.IsKnown(options.Provider))
        {
            return ValidateOptionsResult.Fail(
                $"{StorageOptions.SectionName}:Provider is '{options.Provider}'; use '{StorageProviders.Sqlite}' or '{StorageProviders.Postgres}'.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{StorageOptions.SectionName}:ConnectionString is required for provider '{options.Provider}'" +
                (string.Equals(options.Provider, StorageProviders.Postgres, StringComparison.OrdinalIgnoreCase)
                    ? " (environment: Realtime__Storage__ConnectionString=\"Host=...;Port=5432;Username=...;Password=...;Database=realtime\")."
                    : "."));
        }

        return ValidateOptionsResult.Success;
    }
}
