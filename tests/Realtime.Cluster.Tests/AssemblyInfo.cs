// The cluster tests share one RabbitMQ, and one of them restarts it: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
