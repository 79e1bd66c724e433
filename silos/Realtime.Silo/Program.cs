using Realtime.Hosting.Silo;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The web viewer is copied next to the binary at build, so it is found whatever the working folder.
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});
builder.AddRealtimeSilo();
var app = builder.Build();
app.MapRealtimeSilo();
app.Run();
