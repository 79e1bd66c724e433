using Realtime.Runtime.Grains;

namespace Realtime.Runtime.Calls;

/// <summary>
/// One call to a grain as a message: the target, the interface and method by name, and the
/// arguments (cancellation tokens left out). In process the arguments travel as objects; a
/// remote transport serialises the same record.
/// </summary>
public sealed record GrainCall(GrainId Target, string Interface, string Method, object?[] Arguments);
