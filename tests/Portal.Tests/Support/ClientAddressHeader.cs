using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Portal.Tests.Support;

/// <summary>The test server has no client address; this sets one from the X-Test-Client header.</summary>
public sealed class ClientAddressHeader : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue("X-Test-Client", out var value)) context.Connection.RemoteIpAddress = IPAddress.Parse(value!);
            return nextMiddleware(context);
        });
        next(app);
    };
}
