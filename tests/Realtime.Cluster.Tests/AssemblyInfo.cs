// Every test runs several silo processes on a small machine, and one of them restarts PostgreSQL:
// run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
