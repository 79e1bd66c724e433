namespace Realtime.Translation.Providers.Azure;

/// <summary>Where the circuit stands.</summary>
internal enum CircuitState
{
    /// <summary>Requests go through; consecutive failures are counted.</summary>
    Closed,

    /// <summary>Requests are refused until the open period ends.</summary>
    Open,

    /// <summary>The open period is over; one trial request decides whether to close or reopen.</summary>
    HalfOpen,
}

/// <summary>What an outcome did to the circuit, so the caller can log it.</summary>
internal enum CircuitChange
{
    None,
    Opened,
    Reopened,
    Closed,
}

/// <summary>
/// Counts consecutive failed requests; after <c>failureThreshold</c> of them it refuses calls for
/// <c>openFor</c>, then lets exactly one trial through (half-open): a success closes the circuit,
/// a failure opens it again. Time comes from a <see cref="TimeProvider"/>. Thread-safe.
/// A threshold of zero or less turns the breaker off.
/// </summary>
internal sealed class AzureCircuitBreaker(int failureThreshold, TimeSpan openFor, TimeProvider time)
{
    private readonly Lock gate = new();
    private int consecutiveFailures;
    private CircuitState state = CircuitState.Closed;
    private DateTimeOffset openUntil;
    private bool trialInFlight;

    public int FailureThreshold => failureThreshold;

    public CircuitState State
    {
        get
        {
            lock (gate)
            {
                return state;
            }
        }
    }

    /// <summary>
    /// Asks to send one request. False when the circuit refuses it; <paramref name="retryAt"/> then
    /// says when a trial will be let through. <paramref name="isTrial"/> marks the half-open trial,
    /// whose outcome must be reported.
    /// </summary>
    public bool TryEnter(out bool isTrial, out DateTimeOffset retryAt)
    {
        isTrial = false;
        retryAt = default;
        if (failureThreshold <= 0)
        {
            return true;
        }

        lock (gate)
        {
            switch (state)
            {
                case CircuitState.Closed:
                    return true;
                case CircuitState.Open:
                    if (time.GetUtcNow() < openUntil)
                    {
                        retryAt = openUntil;
                        return false;
                    }

                    state = CircuitState.HalfOpen;
                    trialInFlight = true;
                    isTrial = true;
                    return true;
                default:
                    if (trialInFlight)
                    {
                        retryAt = time.GetUtcNow();
                        return false;
                    }

                    trialInFlight = true;
                    isTrial = true;
                    return true;
            }
        }
    }

    /// <summary>The service answered (a success, or an answer about the request itself such as 400).</summary>
    public CircuitChange OnSuccess(bool isTrial)
    {
        lock (gate)
        {
            if (state == CircuitState.HalfOpen && isTrial)
            {
                state = CircuitState.Closed;
                trialInFlight = false;
                consecutiveFailures = 0;
                return CircuitChange.Closed;
            }

            if (state == CircuitState.Closed)
            {
                consecutiveFailures = 0;
            }

            return CircuitChange.None;
        }
    }

    /// <summary>The request failed (5xx, 429, timeout, network, rejected credentials).</summary>
    public CircuitChange OnFailure(bool isTrial)
    {
        if (failureThreshold <= 0)
        {
            return CircuitChange.None;
        }

        lock (gate)
        {
            if (state == CircuitState.HalfOpen && isTrial)
            {
                Open();
                return CircuitChange.Reopened;
            }

            if (state == CircuitState.Closed && ++consecutiveFailures >= failureThreshold)
            {
                Open();
                return CircuitChange.Opened;
            }

            return CircuitChange.None;
        }
    }

    /// <summary>The request ended without an outcome (cancelled by the caller).</summary>
    public void OnAbandoned(bool isTrial)
    {
        lock (gate)
        {
            if (state == CircuitState.HalfOpen && isTrial)
            {
                trialInFlight = false;
            }
        }
    }

    private void Open()
    {
        state = CircuitState.Open;
        trialInFlight = false;
        openUntil = time.GetUtcNow() + openFor;
    }
}
