namespace Realtime.Storage;

/// <summary>
/// One numbered step of the storage schema. A migration runs once per database, in one transaction
/// together with the <c>schema_version</c> row that records it, so a crash mid-way leaves no half schema.
/// </summary>
/// <param name="Version">Position in the schema history; the first migration is 1, then 2, 3 and so on.</param>
/// <param name="Description">What the step changes, kept in <c>schema_version</c> and in the start log.</param>
/// <param name="Statements">DDL statements executed in order.</param>
public sealed record Migration(int Version, string Description, IReadOnlyList<string> Statements);
