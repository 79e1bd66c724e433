using Realtime.LoadGen;

var options = OptionsParser.Parse(args, out var error);
if (options is null)
{
    if (error.Length > 0)
    {
        Console.Error.WriteLine("error: " + error);
    }

    Console.Error.WriteLine(OptionsParser.Usage);
    return error.Length > 0 ? 2 : 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return await LoadGenRunner.RunAsync(options, cancel.Token);
