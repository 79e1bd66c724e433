namespace Realtime.Runtime.Calls;

/// <summary>A grain call got no answer within the runtime's call timeout.</summary>
public sealed class GrainCallTimeoutException(GrainCall call, TimeSpan timeout, Exception inner)
    : TimeoutException($"{call.Target} did not answer {call.Method} within {timeout.TotalSeconds:0.#} s.", inner);
