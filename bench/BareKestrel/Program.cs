// Serves the bytes of one HTML file for every request: the fastest the Q&A page could possibly be.
var builder = WebApplication.CreateSlimBuilder(args);
var file = builder.Configuration["page"] ?? throw new ArgumentException("usage: BareKestrel --page page.html [--urls URL]");
var body = File.ReadAllBytes(file);
builder.Logging.ClearProviders();
var app = builder.Build();
app.Run(context =>
{
    context.Response.ContentType = "text/html; charset=utf-8";
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body).AsTask();
});
app.Run();
