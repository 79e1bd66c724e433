using Realtime.Grains.Events;
using Realtime.Hosting.Events;

namespace Realtime.Hosting.Tests.Events;

/// <summary>The relay puts each grain activation's batches back into the order they were sent.</summary>
public sealed class BatchOrderTests
{
    [Fact]
    public void Batches_that_arrive_out_of_order_are_passed_on_in_their_senders_order()
    {
        var order = new BatchOrder();

        var first = order.Accept(Batch("a", 1), now: 0);
        var early = order.Accept(Batch("a", 3), now: 1);
        var gapFilled = order.Accept(Batch("a", 2), now: 2);

        Assert.Equal([1L], first.Select(b => b.Number));
        Assert.Empty(early);
        Assert.Equal([2L, 3L], gapFilled.Select(b => b.Number));
    }

    [Fact]
    public void Each_sender_is_ordered_on_its_own()
    {
        var order = new BatchOrder();
        order.Accept(Batch("a", 1), 0);
        order.Accept(Batch("b", 7), 0);

        Assert.Empty(order.Accept(Batch("a", 3), 1));
        Assert.Equal([8L], order.Accept(Batch("b", 8), 1).Select(b => b.Number));
    }

    [Fact]
    public void Batches_waiting_for_one_that_never_comes_are_let_go_after_the_wait_and_a_late_one_still_passes()
    {
        var order = new BatchOrder();
        order.Accept(Batch("a", 1), 0);
        order.Accept(Batch("a", 4), 10);
        order.Accept(Batch("a", 3), 20);

        Assert.Empty(order.Expire(10 + (long)BatchOrder.MaxWait.TotalMilliseconds - 1));
        Assert.Equal([3L, 4L], order.Expire(10 + (long)BatchOrder.MaxWait.TotalMilliseconds).Select(b => b.Number));
        Assert.Equal([2L], order.Accept(Batch("a", 2), 2000).Select(b => b.Number));
        Assert.Equal([5L], order.Accept(Batch("a", 5), 2001).Select(b => b.Number));
    }

    private static EventBatch Batch(string source, long number) => new(source, number, []);
}
